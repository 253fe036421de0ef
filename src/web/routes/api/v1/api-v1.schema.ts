import { Type, type Static, type TSchema } from '@sinclair/typebox';

/*
 * The shapes of /api/v1, declared once: the routes validate and serialise with them, and the
 * OpenAPI document (@fastify/swagger) is generated from them, so the two cannot drift apart.
 */

/** Every 4xx and 5xx answer: `{ error: { code, message, field? } }` (PRODUCT.md). */
export const ApiError = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable, machine-readable: not_found, invalid, unauthorized, forbidden, conflict, …' }),
      message: Type.String({ description: 'What went wrong and what to fix, for people.' }),
      field: Type.Optional(Type.String({ description: 'The input the message is about.' })),
      fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    }),
  },
  { $id: 'ApiError', title: 'Error' },
);

const errorRef = Type.Ref('ApiError');

/** The error answers a route may give, by status, for its schema's `response`. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorRef]));
}

const Byline = Type.Object({ slug: Type.String(), name: Type.String() });
const Named = Type.Object({ slug: Type.String(), name: Type.String() });

export const SectionJson = Type.Object({ slug: Type.String(), name: Type.String() }, { $id: 'Section', title: 'Section' });
export const TagJson = Type.Object({ slug: Type.String(), name: Type.String() }, { $id: 'Tag', title: 'Tag' });

/** An article in a list. */
export const ArticleSummary = Type.Object(
  {
    id: Type.Integer(),
    slug: Type.String(),
    headline: Type.String(),
    dek: Type.String(),
    url: Type.String({ description: 'The article page.' }),
    publishedAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    author: Byline,
    section: Named,
    tags: Type.Array(Named),
    replyCount: Type.Integer(),
    repliesOpen: Type.Boolean(),
  },
  { $id: 'ArticleSummary', title: 'ArticleSummary' },
);

/** One article, with its text as HTML. */
export const ArticleJson = Type.Object({ ...ArticleSummary.properties, bodyHtml: Type.String() }, { $id: 'Article', title: 'Article' });

export const ArticleList = Type.Object({
  articles: Type.Array(Type.Ref('ArticleSummary')),
  page: Type.Object({
    limit: Type.Integer(),
    next: Type.Union([Type.String(), Type.Null()], { description: 'The address of the following page; null on the last.' }),
  }),
});

export const ArticleListQuery = Type.Object({
  limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: 'Articles per page, 1–100 (default 20).' })),
  after: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,200}$', description: 'The cursor from the previous page.' })),
  section: Type.Optional(Type.String({ maxLength: 200, description: "A section's slug." })),
  tag: Type.Optional(Type.String({ maxLength: 200, description: "A tag's slug." })),
  author: Type.Optional(Type.String({ maxLength: 200, description: "An author's slug." })),
  since: Type.Optional(Type.String({ format: 'date-time', description: 'Published at or after (ISO 8601).' })),
  until: Type.Optional(Type.String({ format: 'date-time', description: 'Published before (ISO 8601).' })),
});
export type ArticleListQuery = Static<typeof ArticleListQuery>;

/** `GET /api/v1/search`: the reader's search page as JSON (the same ranking and snippets). */
export const SearchQueryParams = Type.Object({
  q: Type.String({ description: 'Words and "quoted phrases" (the first 200 characters); anything else separates words, never an error.' }),
  page: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$', description: 'Page number, 1–100 (default 1).' })),
  perPage: Type.Optional(Type.String({ pattern: '^[1-9][0-9]?$', description: 'Results per page, 1–50 (default 20).' })),
});
export const SearchResults = Type.Object({
  query: Type.String(),
  page: Type.Integer(),
  perPage: Type.Integer(),
  hasMore: Type.Boolean(),
  hits: Type.Array(
    Type.Object({
      slug: Type.String(),
      url: Type.String(),
      headline: Type.String(),
      headlineHtml: Type.String({ description: 'Safe HTML: escaped text, matches in <mark>' }),
      dekHtml: Type.String({ description: 'Safe HTML: escaped text, matches in <mark>' }),
      snippetHtml: Type.String({ description: 'Safe HTML: escaped text, matches in <mark>' }),
      section: Named,
      author: Type.Object({ name: Type.String() }),
      publishedAt: Type.String({ format: 'date-time' }),
    }),
  ),
});

export const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,11}$' }) });

/** A public reply and the answers under it. */
export interface ThreadReply {
  id: number;
  author: { name: string; url: string | null };
  text: string;
  createdAt: string;
  replies: ThreadReply[];
}
export const ThreadReplyJson = Type.Recursive(
  (This) =>
    Type.Object({
      id: Type.Integer(),
      author: Type.Object({ name: Type.String(), url: Type.Union([Type.String(), Type.Null()]) }),
      text: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
      replies: Type.Array(This),
    }),
  { $id: 'ThreadReply', title: 'ThreadReply' },
);

export const ReplyThread = Type.Object({
  article: Type.Object({ slug: Type.String(), headline: Type.String() }),
  count: Type.Integer({ description: 'Approved replies in the thread.' }),
  replies: Type.Array(Type.Ref('ThreadReply')),
});

export const PostedReply = Type.Object({
  reply: Type.Object({
    id: Type.Integer(),
    parentId: Type.Union([Type.Integer(), Type.Null()]),
    status: Type.String({ description: 'approved, or held for moderation.' }),
    url: Type.String(),
  }),
  message: Type.String(),
});

/** A reply as the newsroom's moderators see it (the email stays in the desk). */
export const DeskReplyJson = Type.Object(
  {
    id: Type.Integer(),
    articleSlug: Type.String(),
    parentId: Type.Union([Type.Integer(), Type.Null()]),
    author: Type.String(),
    text: Type.String(),
    status: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'DeskReply', title: 'DeskReply' },
);

export const DeskReplyList = Type.Object({ replies: Type.Array(Type.Ref('DeskReply')) });
export const DeskReplyQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('held'), Type.Literal('approved'), Type.Literal('spam'), Type.Literal('trash')])),
});

export const ModerateBody = Type.Object({
  action: Type.Union([Type.Literal('approve'), Type.Literal('hold'), Type.Literal('spam'), Type.Literal('trash')]),
  reason: Type.Optional(Type.String({ maxLength: 500 })),
});
export const ModerateResult = Type.Object({ id: Type.Integer(), changed: Type.Boolean() });

/** What a program sends to create or change an article (the editor's fields). */
export const ArticleWrite = Type.Object({
  headline: Type.String({ maxLength: 1000 }),
  dek: Type.Optional(Type.String({ maxLength: 5000 })),
  slug: Type.Optional(Type.String({ maxLength: 200, description: 'Empty or absent: made from the headline.' })),
  bodyMarkdown: Type.String({ maxLength: 2_000_000 }),
  section: Type.String({ maxLength: 200 }),
  tags: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 })),
  status: Type.Optional(
    Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('scheduled')], { description: 'Default draft.' }),
  ),
  publishAt: Type.Optional(Type.String({ format: 'date-time', description: 'For scheduled: when it goes live.' })),
  repliesOpen: Type.Optional(Type.Boolean()),
});
export type ArticleWrite = Static<typeof ArticleWrite>;

export const PublishBody = Type.Object({
  publishAt: Type.Optional(Type.String({ format: 'date-time', description: 'A future time schedules the article; absent: now.' })),
});

/** An article as the newsroom edits it. */
export const EditableArticleJson = Type.Object(
  {
    id: Type.Integer(),
    slug: Type.String(),
    headline: Type.String(),
    dek: Type.String(),
    bodyMarkdown: Type.String(),
    section: Type.String(),
    tags: Type.Array(Type.String()),
    status: Type.String(),
    publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    repliesOpen: Type.Boolean(),
    author: Type.String(),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'EditableArticle', title: 'EditableArticle' },
);

/** The schemas routes refer to by `$ref`, added to the app once. */
export const sharedSchemas = [
  ApiError,
  SectionJson,
  TagJson,
  ArticleSummary,
  ArticleJson,
  ThreadReplyJson,
  DeskReplyJson,
  EditableArticleJson,
] as const;
