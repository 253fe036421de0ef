import { describe, expect, it } from 'vitest';
import type { ReplyView } from '../../src/modules/replies/index.js';
import { escapeMarkup } from '../../src/lib/html.js';
import { urls } from '../../src/web/urls.js';
import { renderFragment } from '../../src/web/views/render.js';
import { ReplyThreads, replyItemHtml } from '../../src/web/views/reply-thread.js';
import { instantiate, xssVectors } from '../xss/vectors.js';

/*
 * The reply thread is written as strings for speed (src/web/views/reply-thread.tsx). It must read
 * byte for byte as the Preact components it replaced, whose escaping the rest of the site shares:
 * the reference below is those components as they were (commit c8f487f), rendered by Preact.
 */
function ReferenceItem(props: { reply: ReplyView; articleSlug: string; embedded?: boolean }) {
  const r = props.reply;
  return (
    <li id={r.anchor} class={`reply depth-${r.depth}${r.awaitingModeration ? ' is-held' : ''}`}>
      <article class="reply-card" id={r.legacyAnchor ?? undefined} aria-labelledby={`${r.anchor}-author`}>
        <header class="reply-meta">
          <span class="avatar" aria-hidden="true" dangerouslySetInnerHTML={{ __html: r.avatarSvg }} />
          <span class="reply-author" id={`${r.anchor}-author`}>
            {r.authorUrl ? (
              <a href={r.authorUrl} rel="nofollow ugc noopener" class="url">
                {r.authorName}
              </a>
            ) : (
              r.authorName
            )}
          </span>
          {r.staff && (
            <span class="staff-mark" title="Written by the newsroom">
              Staff
            </span>
          )}
          <a class="reply-permalink" href={`#${r.anchor}`}>
            <time dateTime={r.publishedIso}>{r.publishedLabel}</time>
          </a>
        </header>
        {r.awaitingModeration && <p class="awaiting-moderation">Your comment is awaiting moderation.</p>}
        {r.removed && <p class="awaiting-moderation reply-removed">Your comment was removed by a moderator; only you can see it.</p>}
        {r.moderatorNote && <p class="moderator-note">Moderator’s note: {r.moderatorNote}</p>}
        <div class="reply-text" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
        {r.canAnswer && (
          <p class="reply-actions">
            <a
              class="reply-link"
              href={props.embedded ? '#respond' : urls.replyTo(props.articleSlug, r.id)}
              data-reply-to={String(r.id)}
              data-reply-author={r.authorName}
              aria-label={`Reply to ${r.authorName}`}
            >
              Reply
            </a>
          </p>
        )}
      </article>
      {r.children.length > 0 && (
        <ol class="children">
          {r.children.map((child) => (
            <ReferenceItem reply={child} articleSlug={props.articleSlug} embedded={props.embedded} />
          ))}
        </ol>
      )}
    </li>
  );
}

function ReferenceThreads(props: { threads: ReplyView[]; articleSlug: string; embedded?: boolean }) {
  return (
    <ol class="reply-list" id="reply-list">
      {props.threads.map((t) => (
        <ReferenceItem reply={t} articleSlug={props.articleSlug} embedded={props.embedded} />
      ))}
    </ol>
  );
}

function view(id: number, over: Partial<ReplyView> = {}): ReplyView {
  return {
    id,
    anchor: `reply-${id}`,
    legacyAnchor: null,
    authorName: `Reader ${id}`,
    authorUrl: null,
    avatarSvg: '<svg viewBox="0 0 5 5"><path d="M0 0h1v1H0z" fill="#123456"/></svg>',
    publishedIso: '2026-05-29T12:02:00.000Z',
    publishedLabel: 'May 29, 2026 at 12:02 PM UTC',
    bodyHtml: '<p>Words &amp; more words, <a href="https://x.example/" rel="nofollow ugc">a link</a></p>',
    awaitingModeration: false,
    removed: false,
    staff: false,
    moderatorNote: null,
    depth: 1,
    canAnswer: true,
    children: [],
    ...over,
  };
}

/** Every combination of the flags, and hostile text in every field a person fills. */
function variedThreads(): ReplyView[] {
  const threads: ReplyView[] = [];
  let id = 1;
  const hostile = [...xssVectors.map((v) => instantiate(v, v.index)), 'Ann "A" <b>&amp;', 'Zoë ’quoted’ 日本語', '', '<'];
  for (let mask = 0; mask < Math.max(64, hostile.length); mask++) {
    const text = hostile[mask % hostile.length]!;
    const root = view(id++, {
      authorName: text || 'Someone',
      authorUrl: mask & 1 ? `https://site.example/?q=${encodeURIComponent(text)}&x="1"` : null,
      legacyAnchor: mask & 2 ? `comment-${mask}"<&` : null,
      awaitingModeration: (mask & 4) !== 0,
      removed: (mask & 8) !== 0,
      staff: (mask & 16) !== 0,
      moderatorNote: mask & 32 ? `Not on topic: "${text}" <&>` : null,
      canAnswer: mask % 3 !== 0,
      publishedLabel: mask % 5 === 0 ? 'June 1, 2026 at 9:05\u202fAM GMT+9 <&>' : 'May 29, 2026 at 12:02\u202fPM UTC',
    });
    // A chain of answers under some of them, each answering the one before.
    let parent = root;
    for (let depth = 2; depth <= mask % 4; depth++) {
      const child = view(id++, { depth, canAnswer: depth < 3, authorName: hostile[(mask + depth) % hostile.length] || 'X' });
      parent.children.push(child);
      parent = child;
    }
    threads.push(root);
  }
  return threads;
}

describe('reply thread markup written as strings', () => {
  it('reads byte for byte as the Preact components did, on the article page and embedded', () => {
    const threads = variedThreads();
    for (const embedded of [false, true]) {
      const slug = 'a-story/with "odd" <slug> & ünïcode';
      const mine = renderFragment(<ReplyThreads threads={threads} articleSlug={slug} embedded={embedded} />);
      const reference = renderFragment(<ReferenceThreads threads={threads} articleSlug={slug} embedded={embedded} />);
      expect(mine).toBe(reference);
      expect(mine.length).toBeGreaterThan(50_000);
    }
  });

  it('writes one reply as its <li>, answers and all, for the script that adds it to the page', () => {
    for (const reply of variedThreads()) {
      for (const embedded of [false, true])
        expect(replyItemHtml(reply, 'story', embedded)).toBe(
          renderFragment(<ReferenceItem reply={reply} articleSlug="story" embedded={embedded} />),
        );
    }
  });

  it('writes no list items for no threads (the embedded page shows the empty list)', () => {
    expect(renderFragment(<ReplyThreads threads={[]} articleSlug="s" />)).toBe('<ol class="reply-list" id="reply-list"></ol>');
  });

  it('escapes what text and double-quoted attributes need, and leaves other text as it is', () => {
    expect(escapeMarkup('a "b" <c> & d\'')).toBe("a &quot;b&quot; &lt;c> &amp; d'");
    const plain = 'nothing to escape here ’ 日本語';
    expect(escapeMarkup(plain)).toBe(plain);
  });
});
