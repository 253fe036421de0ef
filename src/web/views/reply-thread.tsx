import type { ReplyView } from '../../modules/replies/index.js';
import { urls } from '../urls.js';

/** One reply with its answers nested beneath it. */
export function ReplyItem(props: { reply: ReplyView; articleSlug: string; embedded?: boolean }) {
  const r = props.reply;
  return (
    <li id={r.anchor} class={`reply depth-${r.depth}${r.awaitingModeration ? ' is-held' : ''}`}>
      {/* An imported reply answers to its old anchor too (`…#comment-12` from the old site). */}
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
              // Embedded on another site there is no article page to go to: the script moves the form.
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
            <ReplyItem reply={child} articleSlug={props.articleSlug} embedded={props.embedded} />
          ))}
        </ol>
      )}
    </li>
  );
}

/** The list of threads under an article. */
export function ReplyThreads(props: { threads: ReplyView[]; articleSlug: string; embedded?: boolean }) {
  return (
    <ol class="reply-list" id="reply-list">
      {props.threads.map((t) => (
        <ReplyItem reply={t} articleSlug={props.articleSlug} embedded={props.embedded} />
      ))}
    </ol>
  );
}
