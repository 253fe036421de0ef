import { Type, type Static } from '@sinclair/typebox';
import { InvalidFields } from '../../../lib/errors.js';
import { isRowId } from '../../../lib/row-id.js';

/**
 * The reply form's body, as the HTML form and the JSON API both send it (WordPress's field names).
 * Only shapes here; the rules (required, email, limits) belong to the replies module, which
 * reports every problem with a message for the reader.
 */
export const ReplyFormBody = Type.Object({
  comment: Type.Optional(Type.String()),
  author: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  remember: Type.Optional(Type.String()),
  // "Notify me of follow-up replies by email": a ticked box sends its value; the JSON API may send true.
  notify: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Boolean()])),
  comment_post_ID: Type.Optional(Type.String()),
  // Its rule (empty, 0 or a positive safe integer) is checked by `requestedParentId`, with a message.
  comment_parent: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Number()])),
  // The signed form token and the honeypot (web/form-tokens.ts): read, judged, never stored. Any
  // shape is let through: a bad one holds the reply, it is not refused.
  form_token: Type.Optional(Type.Unknown()),
  contact_url: Type.Optional(Type.Unknown()),
});
export type ReplyFormBody = Static<typeof ReplyFormBody>;

/** `/articles/:slug` and friends. */
export const ArticleParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
export type ArticleParams = Static<typeof ArticleParams>;

/** `?replytocom=ID` on an article page (WordPress's name for "answering this reply"). */
export const ArticleQuery = Type.Object({
  // Both are links people share and mangle: a value that is not a number is ignored, not refused.
  replytocom: Type.Optional(Type.String({ maxLength: 100 })),
  /** Page of replies when the site pages them (WordPress's `cpage`). */
  cpage: Type.Optional(Type.String({ maxLength: 100 })),
});

/** A positive whole number from a query value (a page number), or undefined for anything else. */
export function positiveIntegerOf(value: string | undefined): number | undefined {
  if (value === undefined || !/^[0-9]{1,12}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

/** An id some row could have, from a query value, or undefined for anything else (lib/row-id.ts). */
export function rowIdOf(value: string | undefined): number | undefined {
  const n = positiveIntegerOf(value);
  return isRowId(n) ? n : undefined;
}
export type ArticleQuery = Static<typeof ArticleQuery>;

/** The parent id a form names, or null for a reply to the article (lenient: for showing a form again). */
export function parentIdOf(body: ReplyFormBody): number | null {
  const n = Number(body.comment_parent ?? 0);
  return isRowId(n) ? n : null;
}

/**
 * The parent id a post asks for: null when empty or 0 (an answer to the article), the number when
 * it is a positive safe integer. Anything else (1e20, -1, 1.5, "12abc") is refused with a 422:
 * read as "no parent", it would silently post the answer at the top level.
 */
export function requestedParentId(body: ReplyFormBody): number | null {
  const raw = body.comment_parent;
  if (raw === undefined || raw === 0 || (typeof raw === 'string' && /^0*$/.test(raw))) return null;
  const n = typeof raw === 'number' ? raw : /^[0-9]{1,16}$/.test(raw) ? Number(raw) : NaN;
  // Past the largest id no comment has that number (and the database would refuse to look).
  if (isRowId(n)) return n;
  throw new InvalidFields([
    {
      field: 'comment_parent',
      message:
        'The comment you are answering is not a valid comment number. Reply to the article, or use the Reply link under the comment.',
    },
  ]);
}

/** Whether "Notify me of follow-up replies by email" was ticked (off unless clearly on). */
export function notifyTicked(body: ReplyFormBody): boolean {
  const v = body.notify;
  return v === true || (typeof v === 'string' && v !== '' && v !== 'false' && v !== '0' && v !== 'off');
}

/** Whether the consent box was ticked. */
export function rememberTicked(body: ReplyFormBody): boolean {
  return body.remember !== undefined && body.remember !== '' && body.remember !== 'false' && body.remember !== '0';
}
