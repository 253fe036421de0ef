import type { ReplyView } from '../../modules/replies/index.js';
import { escapeMarkup } from '../../lib/html.js';
import { urls } from '../urls.js';

/*
 * Reply threads are written as strings rather than Preact components. An article may carry a
 * thousand replies, and a component per reply (its virtual nodes and props, the renderer's walk
 * over them, and a string grown in thousands of small pieces that must be flattened before it can
 * be sent) cost more than half of that page's render (docs/benchmarks.md, "An article with 1,000
 * threaded replies"). Here each reply's markup is pushed onto one list and joined once. The markup
 * is what the components wrote, byte for byte (test/web/reply-thread-markup.test.tsx); everything
 * a reader wrote goes through `escapeMarkup`, and the text's HTML (`bodyHtml`) and the avatar were
 * made safe when the reply was presented.
 */

/** Where the thread is shown: its article (for the "Reply" links), or embedded on another site, where "Reply" moves the form instead. */
interface Where {
  articleSlug: string;
  embedded: boolean;
}

function writeReply(out: string[], r: ReplyView, where: Where): void {
  const author = escapeMarkup(r.authorName);
  out.push(
    `<li id="${r.anchor}" class="reply depth-${r.depth}${r.awaitingModeration ? ' is-held' : ''}">`,
    // An imported reply answers to its old anchor too (`…#comment-12` from the old site).
    `<article class="reply-card"${r.legacyAnchor ? ` id="${escapeMarkup(r.legacyAnchor)}"` : ''} aria-labelledby="${r.anchor}-author">`,
    `<header class="reply-meta"><span class="avatar" aria-hidden="true">${r.avatarSvg}</span><span class="reply-author" id="${r.anchor}-author">`,
    r.authorUrl ? `<a href="${escapeMarkup(r.authorUrl)}" rel="nofollow ugc noopener" class="url">${author}</a>` : author,
    '</span>',
    r.staff ? '<span class="staff-mark" title="Written by the newsroom">Staff</span>' : '',
    `<a class="reply-permalink" href="#${r.anchor}"><time datetime="${r.publishedIso}">${escapeMarkup(r.publishedLabel)}</time></a></header>`,
    r.awaitingModeration ? '<p class="awaiting-moderation">Your comment is awaiting moderation.</p>' : '',
    r.removed ? '<p class="awaiting-moderation reply-removed">Your comment was removed by a moderator; only you can see it.</p>' : '',
    r.moderatorNote ? `<p class="moderator-note">Moderator’s note: ${escapeMarkup(r.moderatorNote)}</p>` : '',
    `<div class="reply-text">${r.bodyHtml}</div>`,
  );
  if (r.canAnswer) {
    // Embedded on another site there is no article page to go to: the script moves the form.
    const href = where.embedded ? '#respond' : escapeMarkup(urls.replyTo(where.articleSlug, r.id));
    out.push(
      `<p class="reply-actions"><a class="reply-link" href="${href}" data-reply-to="${r.id}" data-reply-author="${author}" aria-label="Reply to ${author}">Reply</a></p>`,
    );
  }
  out.push('</article>');
  if (r.children.length > 0) {
    out.push('<ol class="children">');
    for (const child of r.children) writeReply(out, child, where);
    out.push('</ol>');
  }
  out.push('</li>');
}

/** One reply with its answers nested beneath it, as an `<li>` (a reply just posted, sent back to the page's script). */
export function replyItemHtml(reply: ReplyView, articleSlug: string, embedded = false): string {
  const out: string[] = [];
  writeReply(out, reply, { articleSlug, embedded });
  return out.join('');
}

/** The threads' markup, a reply per `<li>`, answers nested: joined once into a flat string. */
function threadsHtml(threads: readonly ReplyView[], where: Where): string {
  const out: string[] = [];
  for (const thread of threads) writeReply(out, thread, where);
  return out.join('');
}

/** The list of threads under an article. */
export function ReplyThreads(props: { threads: readonly ReplyView[]; articleSlug: string; embedded?: boolean }) {
  const where = { articleSlug: props.articleSlug, embedded: props.embedded === true };
  return <ol class="reply-list" id="reply-list" dangerouslySetInnerHTML={{ __html: threadsHtml(props.threads, where) }} />;
}
