import { sql } from 'kysely';
import { textFingerprint } from '../../lib/reader-text.js';
import type { Executor } from '../../storage/db.js';
import type { FullText } from '../../storage/full-text.js';
import { parseSearchQuery } from '../search/index.js';
import { renderReplyText, type ReplyRow, type ReplyStatus } from '../replies/index.js';

/** A reply as the moderation desk sees it: with the sender's email and address, and its article. */
export type DeskReplyRow = Omit<ReplyRow, 'body_fingerprint' | 'body_html'> & {
  article_slug: string;
  article_headline: string;
  /** The other site's page, when the reply was posted on an embedded thread (issue 15); null otherwise. */
  page_url: string | null;
  page_origin: string | null;
};

function deskSelect(db: Executor) {
  return db
    .selectFrom('replies')
    .innerJoin('articles', 'articles.id', 'replies.article_id')
    .leftJoin('embed_pages', 'embed_pages.article_id', 'replies.article_id')
    .select([
      'embed_pages.url as page_url',
      'embed_pages.origin as page_origin',
      'replies.id',
      'replies.article_id',
      'replies.parent_id',
      'replies.author_name',
      'replies.author_email',
      'replies.author_email_hash',
      'replies.author_url',
      'replies.body',
      'replies.status',
      'replies.created_at',
      'replies.ip',
      'replies.user_agent',
      'replies.moderation_reason',
      'replies.staff_user_id',
      'replies.edited_at',
      'replies.decision_status',
      'replies.decision_reason',
      'replies.decision_score',
      'replies.legacy_anchor',
      'articles.slug as article_slug',
      'articles.headline as article_headline',
    ]);
}

/** How many replies have each status. */
export async function countByStatus(db: Executor): Promise<Record<ReplyStatus, number>> {
  const rows = await db
    .selectFrom('replies')
    .select(['status', (eb) => eb.fn.countAll().as('n')])
    .groupBy('status')
    .execute();
  const counts: Record<ReplyStatus, number> = { held: 0, approved: 0, spam: 0, trash: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** What the desk's list is filtered by. */
export interface DeskFilter {
  status?: ReplyStatus;
  /** Words in the text, the name or the website. */
  search?: string;
  /** The keyed hash of the search, when it is an email: emails are sealed, so they are matched only this way. */
  searchHash?: string;
  /** Only this sender (keyed hash of their email). */
  senderHash?: string;
  /** Only replies on this other site's pages (an origin). */
  site?: string;
  limit: number;
  offset: number;
}

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * Replies for the desk, newest first. Approved replies (the great majority, millions on a large
 * site) are searched through the full-text index on their text and author's name, the reader's
 * search; the other queues are short, and searched case-insensitively (lower() on each side) in
 * the text, the name, the email and the website, where moderators look for a sender's address.
 */
export function listForDesk(db: Executor, fullText: FullText, filter: DeskFilter): Promise<DeskReplyRow[]> {
  let query = deskSelect(db);
  if (filter.status) query = query.where('replies.status', '=', filter.status);
  if (filter.senderHash) query = query.where('replies.author_email_hash', '=', filter.senderHash);
  if (filter.site) query = query.where('embed_pages.origin', '=', filter.site);
  const search = filter.search?.trim();
  if (search && filter.status === 'approved') {
    const { terms } = parseSearchQuery(search);
    // A query without a word (only punctuation or emoji) matches nothing, as on the reader's search page.
    const words = terms.words.length + terms.phrases.length > 0 ? fullText.replyMatches(terms) : sql<boolean>`1 = 0`;
    // A whole email address matches its sender's replies through the keyed hash (emails are sealed).
    query = query.where((eb) => (filter.searchHash ? eb.or([words, eb('replies.author_email_hash', '=', filter.searchHash)]) : words));
  } else if (search) {
    const pattern = likePattern(search);
    query = query.where((eb) =>
      eb.or([
        ...(['replies.body', 'replies.author_name', 'replies.author_url'] as const).map(
          (column) => sql<boolean>`lower(${eb.ref(column)}) like ${pattern} escape '\\'`,
        ),
        ...(filter.searchHash ? [eb('replies.author_email_hash', '=', filter.searchHash)] : []),
      ]),
    );
  }
  return query.orderBy('replies.created_at', 'desc').orderBy('replies.id', 'desc').limit(filter.limit).offset(filter.offset).execute();
}

/** One reply for the desk. */
export function findForDesk(db: Executor, id: number): Promise<DeskReplyRow | undefined> {
  return deskSelect(db).where('replies.id', '=', id).executeTakeFirst();
}

/** Several replies for the desk, by id. */
export function findManyForDesk(db: Executor, ids: readonly number[]): Promise<DeskReplyRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return deskSelect(db)
    .where('replies.id', 'in', [...ids])
    .execute();
}

/** How many replies each sender has sent, by keyed email hash. */
export async function countBySender(db: Executor, hashes: readonly string[]): Promise<Map<string, Record<ReplyStatus, number>>> {
  const out = new Map<string, Record<ReplyStatus, number>>();
  if (hashes.length === 0) return out;
  const rows = await db
    .selectFrom('replies')
    .select(['author_email_hash', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('author_email_hash', 'in', [...new Set(hashes)])
    .groupBy(['author_email_hash', 'status'])
    .execute();
  for (const r of rows) {
    const counts = out.get(r.author_email_hash) ?? { held: 0, approved: 0, spam: 0, trash: 0 };
    counts[r.status] = Number(r.n);
    out.set(r.author_email_hash, counts);
  }
  return out;
}

/** Direct answers to a reply, oldest first. */
export function answersTo(db: Executor, id: number): Promise<DeskReplyRow[]> {
  return deskSelect(db).where('replies.parent_id', '=', id).orderBy('replies.created_at').orderBy('replies.id').execute();
}

/** Changes a reply's text. */
export async function updateBody(db: Executor, id: number, body: string, reason: string, nowIso: string): Promise<void> {
  await db
    .updateTable('replies')
    .set({ body, body_fingerprint: textFingerprint(body), body_html: renderReplyText(body), moderation_reason: reason, edited_at: nowIso })
    .where('id', '=', id)
    .execute();
}

/** Deletes replies for good; their answers lose their parent (the foreign key sets it null). */
export async function deleteReplies(db: Executor, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom('replies')
    .where('id', 'in', [...ids])
    .execute();
}

/** Up to `limit` spam replies that came in before `beforeIso`, oldest first. */
export async function spamIdsBefore(db: Executor, beforeIso: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('replies')
    .select('id')
    .where('status', '=', 'spam')
    .where('created_at', '<', beforeIso)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** The other sites with embedded threads, alphabetically (the desk's site filter). */
export async function embeddingSites(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('embed_pages').select('origin').distinct().orderBy('origin').execute();
  return rows.map((r) => r.origin);
}
