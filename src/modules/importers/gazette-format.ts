import { Type, type Static, type TSchema } from '@sinclair/typebox';

/*
 * The Gazette export format, version 1: JSON Lines (one JSON object per line, UTF-8), read and
 * written by both halves (site-export.ts, gazette-import.ts) from these schemas. Ids are the
 * source site's; the reader maps them to its own. Timestamps are ISO-8601 UTC text.
 *
 * Order: the header, settings, bylines, sections, tags, members, articles (each with its tags and
 * revisions), replies (a parent before its answers), legacy keys, then the end line with the counts,
 * so a file cut short at a line boundary is still told from a whole one.
 */

/** The version this Gazette writes and reads. */
export const GAZETTE_FORMAT_VERSION = 1;

/** What an export leaves out, said in its header and in docs/operations.md. */
export const NOT_EXPORTED = [
  'passwords, sessions, sign-in records and one-time links (members set a password by reset)',
  'the site secret and its check value (the target keeps its own; reader email hashes are recomputed)',
  'uploaded images: neither files nor rows (copy UPLOADS_DIR by hand; articles lose their uploaded featured image, keep its description)',
  'the audit trail and background jobs',
] as const;

const Iso = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?Z$' });
const Id = Type.Integer({ minimum: 1 });
const Text = (maxLength: number) => Type.String({ maxLength });
const ArticleStatus = Type.Union([Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('published'), Type.Literal('trash')]);

function line<K extends string, T extends Record<string, TSchema>>(type: K, fields: T) {
  return Type.Object({ type: Type.Literal(type), ...fields }, { additionalProperties: false });
}

/** The first line. */
export const HeaderLine = line('gazette-export', {
  version: Type.Integer(),
  exportedAt: Iso,
  site: Type.Object({ title: Text(300), url: Text(2000) }, { additionalProperties: false }),
  notExported: Type.Array(Type.String()),
});

/** A site setting (only the discussion settings today). */
export const SettingLine = line('setting', { key: Type.Literal('discussion'), value: Type.Record(Type.String(), Type.Unknown()) });

/** A byline (authors row). */
export const BylineLine = line('byline', { id: Id, slug: Text(200), name: Text(300), bio: Text(5000), createdAt: Iso });

/** A section. */
export const SectionLine = line('section', { id: Id, slug: Text(200), name: Text(300), position: Type.Integer() });

/** A tag. */
export const TagLine = line('tag', { id: Id, slug: Text(200), name: Text(300) });

/** A newsroom member: never a password hash, session or token. */
export const MemberLine = line('member', {
  id: Id,
  email: Text(320),
  name: Text(300),
  role: Type.Union([Type.Literal('administrator'), Type.Literal('editor'), Type.Literal('author'), Type.Literal('contributor')]),
  bylineId: Id,
  createdAt: Iso,
  disabledAt: Type.Union([Iso, Type.Null()]),
});

const Revision = Type.Object(
  {
    headline: Text(1000),
    dek: Text(2000),
    slug: Text(300),
    bodyMarkdown: Type.String(),
    status: ArticleStatus,
    memberId: Type.Union([Id, Type.Null()]),
    userName: Text(300),
    createdAt: Iso,
  },
  { additionalProperties: false },
);

/** The page on another site whose thread an `external` article holds (issue 15). Optional: older files have none. */
const EmbedPage = Type.Object({ origin: Text(300), url: Text(2000), title: Text(1000), createdAt: Iso }, { additionalProperties: false });

/** An article with its tags and its saved versions (oldest first); an external one with its page. */
export const ArticleLine = line('article', {
  id: Id,
  slug: Text(300),
  headline: Text(1000),
  dek: Text(2000),
  bodyMarkdown: Type.String(),
  status: ArticleStatus,
  kind: Type.Union([Type.Literal('article'), Type.Literal('page'), Type.Literal('external')]),
  sticky: Type.Boolean(),
  featuredImageUrl: Text(2000),
  featuredAlt: Text(1000),
  repliesOpen: Type.Boolean(),
  publishedAt: Type.Union([Iso, Type.Null()]),
  createdAt: Iso,
  updatedAt: Iso,
  bylineId: Id,
  sectionId: Id,
  tags: Type.Array(Type.Object({ slug: Text(200), name: Text(300) }, { additionalProperties: false }), { maxItems: 100 }),
  revisions: Type.Array(Revision, { maxItems: 10_000 }),
  embedPage: Type.Optional(EmbedPage),
});

/** A reply, in any status, with what only moderators see. */
export const ReplyLine = line('reply', {
  id: Id,
  articleId: Id,
  parentId: Type.Union([Id, Type.Null()]),
  authorName: Text(1000),
  authorEmail: Text(1000),
  authorUrl: Text(2000),
  body: Type.String(),
  status: Type.Union([Type.Literal('held'), Type.Literal('approved'), Type.Literal('spam'), Type.Literal('trash')]),
  createdAt: Iso,
  editedAt: Type.Union([Iso, Type.Null()]),
  ip: Text(64),
  userAgent: Text(512),
  moderationReason: Text(5000),
  staffMemberId: Type.Union([Id, Type.Null()]),
  decision: Type.Union([
    Type.Object({ status: Text(20), reason: Text(5000), score: Type.Union([Type.Number(), Type.Null()]) }, { additionalProperties: false }),
    Type.Null(),
  ]),
  legacyAnchor: Text(200),
});

/** One entry of the old-link map: another system's identifier and the row (by its id in this file) it names. */
export const LegacyKeyLine = line('legacy-key', { kind: Text(40), legacyId: Text(2000), targetId: Id, digest: Text(200) });

/** How many records of each kind a file holds (its end line) or an import read. */
export const Counts = Type.Object(
  {
    settings: Type.Integer({ minimum: 0 }),
    bylines: Type.Integer({ minimum: 0 }),
    sections: Type.Integer({ minimum: 0 }),
    tags: Type.Integer({ minimum: 0 }),
    members: Type.Integer({ minimum: 0 }),
    articles: Type.Integer({ minimum: 0 }),
    revisions: Type.Integer({ minimum: 0 }),
    replies: Type.Integer({ minimum: 0 }),
    legacyKeys: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

/** The last line: the counts of what came before, so a truncated file is refused. */
export const EndLine = line('gazette-export-end', { counts: Counts });

/** Every line after the header, by its `type`. */
export const recordSchemas = {
  setting: SettingLine,
  byline: BylineLine,
  section: SectionLine,
  tag: TagLine,
  member: MemberLine,
  article: ArticleLine,
  reply: ReplyLine,
  'legacy-key': LegacyKeyLine,
  'gazette-export-end': EndLine,
} as const;

/** The header line. */
export type Header = Static<typeof HeaderLine>;
/** Counts per kind of record. */
export type ExportCounts = Static<typeof Counts>;
/** A line of the file, after the header. */
export type RecordLine = { [K in keyof typeof recordSchemas]: Static<(typeof recordSchemas)[K]> }[keyof typeof recordSchemas];

/** Counts all zero. */
export function emptyCounts(): ExportCounts {
  return { settings: 0, bylines: 0, sections: 0, tags: 0, members: 0, articles: 0, revisions: 0, replies: 0, legacyKeys: 0 };
}
