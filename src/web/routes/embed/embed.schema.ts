import { Type, type Static } from '@sinclair/typebox';
import { ReplyFormBody } from '../reader/reply-form.schema.js';

/*
 * The embed API's shapes (issue 15), declared once so validation, types and the OpenAPI document
 * agree. Lengths are generous caps, not the rules: the page address's rules (http(s), on the
 * asking site, at most 2,000 characters) are checked with a message by the embeds module.
 */

/** The address prefix of every embed route; the same-origin check leaves it to the allow-list. */
export const EMBED_API_PREFIX = '/api/v1/embed/';

/** `GET /api/v1/embed/thread`: which page, and the reader's own held replies (a token the API gave out). */
export const ThreadQuery = Type.Object({
  page_url: Type.String({ maxLength: 20_000, description: 'The page’s canonical address (http or https, on the asking site).' }),
  pending: Type.Optional(Type.String({ maxLength: 2000, description: 'The `pending` token of an earlier post, kept by the page.' })),
});
export type ThreadQuery = Static<typeof ThreadQuery>;

/** `POST /api/v1/embed/replies`: the article form's fields (WordPress's names), the page, and the reader's held replies. */
export const EmbedReplyBody = Type.Composite([
  ReplyFormBody,
  Type.Object({
    page_url: Type.String({ maxLength: 20_000 }),
    page_title: Type.Optional(Type.String({ maxLength: 20_000 })),
    pending: Type.Optional(Type.String({ maxLength: 2000 })),
  }),
]);
export type EmbedReplyBody = Static<typeof EmbedReplyBody>;

/** `GET /api/v1/embed/pages/:id/feed.xml`. */
export const PageParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) });
export type PageParams = Static<typeof PageParams>;

/** The machine-readable error every 4xx carries. */
export const EmbedError = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    /** Every refused field at once, when there are several (the form shows each message next to its field). */
    fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  }),
});

/** What a thread answer holds. */
export const ThreadAnswer = Type.Object({
  page: Type.Object({ url: Type.String(), known: Type.Boolean(), feed: Type.Union([Type.String(), Type.Null()]) }),
  /** The thread and form, as HTML (escaped and sanitised by the server), for the widget's shadow root. */
  html: Type.String(),
  formToken: Type.String(),
});

/** What a post answers. */
export const PostAnswer = Type.Object({
  reply: Type.Object({
    id: Type.Integer(),
    parentId: Type.Union([Type.Integer(), Type.Null()]),
    status: Type.String(),
    html: Type.String(),
  }),
  message: Type.String(),
  formToken: Type.String(),
  /** The reader's held replies, signed: the page keeps it and sends it back with the next thread request. */
  pending: Type.String(),
});
