import type { FastifyRequest } from 'fastify';
import type { Container } from '../../../container.js';
import { acceptsReplies, presentArticle } from '../../../modules/articles/index.js';
import { threadPage } from '../../../modules/replies/index.js';
import { fieldProblems, type PublicError } from '../../plugins/error-mapping.js';
import { notifyTicked, rememberTicked, type ReplyFormBody } from './reply-form.schema.js';
import type { ChromeLoader } from '../../site-chrome.js';
import type { ArticlePageModel } from '../../views/article-page.js';
import type { ReplyFormModel } from '../../views/reply-form.js';

/** What the form shows after a failed post: the reader's own text and what went wrong. */
export interface FormState {
  body?: ReplyFormBody;
  parentId?: number | null;
  error?: PublicError;
  /** Which page of replies, when the site pages them; the newest page otherwise. */
  replyPage?: number;
}

type FieldName = keyof ReplyFormModel['fieldErrors'];
const formFields: FieldName[] = ['comment', 'author', 'email', 'url'];

function fieldErrorsOf(error: PublicError | undefined): ReplyFormModel['fieldErrors'] {
  const out: ReplyFormModel['fieldErrors'] = {};
  for (const p of error ? fieldProblems(error) : [])
    if ((formFields as string[]).includes(p.field)) out[p.field as FieldName] ??= p.message;
  return out;
}

/**
 * Gathers the article page: the article, the replies this viewer may see, and the form (empty,
 * remembered, or as the reader left it with messages next to the fields).
 */
export async function loadArticlePage(
  c: Pick<Container, 'articles' | 'replies' | 'discussion' | 'clock'>,
  chrome: ChromeLoader,
  request: FastifyRequest,
  slug: string,
  state: FormState = {},
): Promise<ArticlePageModel> {
  const article = await c.articles.getPublished(slug);
  const [rules, siteChrome] = await Promise.all([c.discussion.current(), chrome.load()]);
  const replies = await c.replies.visibleFor(article.id, request.pendingReplyIds());
  const parent = state.parentId ? replies.find((r) => r.id === state.parentId && r.status === 'approved') : undefined;
  const remembered = request.rememberedCommenter();
  const fieldErrors = fieldErrorsOf(state.error);
  const hasFieldError = Object.keys(fieldErrors).length > 0;
  const open = acceptsReplies(article, c.clock.now(), rules.closeAfterDays);
  const form: ReplyFormModel = {
    articleId: article.id,
    articleSlug: article.slug,
    open,
    ...(parent ? { replyingTo: { id: parent.id, authorName: parent.authorName } } : {}),
    values: {
      comment: state.body?.comment ?? '',
      author: state.body?.author ?? remembered?.author ?? '',
      email: state.body?.email ?? remembered?.email ?? '',
      url: state.body?.url ?? remembered?.url ?? '',
      remember: state.body ? rememberTicked(state.body) : remembered !== undefined,
      // Off by default, every time: only a refused post shows it as the reader left it.
      notify: state.body ? notifyTicked(state.body) : false,
    },
    fieldErrors,
    ...(state.error && !hasFieldError ? { formError: state.error.message } : {}),
    requireNameEmail: rules.requireNameEmail,
  };
  return {
    chrome: siteChrome,
    article: presentArticle(article, siteChrome.timeZone),
    replies: threadPage(replies, {
      maxDepth: rules.threadDepth,
      order: rules.order,
      timeZone: siteChrome.timeZone,
      perPage: rules.repliesPerPage,
      ...(state.replyPage !== undefined ? { requested: state.replyPage } : {}),
    }),
    form,
  };
}
