import type { ReplyView } from '../../modules/replies/index.js';
import { ReplyForm, type ReplyFormModel } from './reply-form.js';
import { ReplyThreads } from './reply-thread.js';

/** What an embedded thread shows: the page's replies (the viewer's own held ones among them) and the form. */
export interface EmbeddedThreadModel {
  countLabel: string;
  threads: ReplyView[];
  form: ReplyFormModel;
}

/**
 * The article page's replies section, as `embed.js` puts it on another site's page (issue 15): the
 * same threads, form, field names and messages, with the form's addresses pointing at the embed
 * API. Rendered into a shadow root, so its ids cannot collide with the host page's.
 */
export function EmbeddedThread(props: { model: EmbeddedThreadModel }) {
  const m = props.model;
  return (
    <section id="replies" class="replies" aria-labelledby="replies-heading">
      <h2 id="replies-heading" class="rule-heading">
        {m.threads.length === 0 ? 'Replies' : m.countLabel}
      </h2>
      {m.threads.length === 0 && (
        <p class="empty" id="no-replies">
          No replies yet. Be the first to say something.
        </p>
      )}
      <ReplyThreads threads={m.threads} articleSlug={m.form.articleSlug} embedded />
      <ReplyForm model={m.form} />
    </section>
  );
}
