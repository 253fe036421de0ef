import { sql } from 'kysely';
import { textFingerprint } from '../../lib/reader-text.js';
import type { Executor } from '../../storage/db.js';
import type { ReplyRow, ReplyStatus } from '../replies/index.js';

/** A reply as the moderation desk sees it: with the sender's email and address, and its article. */
export type DeskReplyRow = Omit<ReplyRow, 'body_fingerprint'> & { article_slug: string; article_headline: string };

function deskSelect(db: Executor) {
  return db
    .selectFrom('replies')
    .innerJoin('articles', 'articles.id', 'replies.article_id')
    .select([
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
  /** Words in the text, the name, the email or the website. */
  search?: string;
  /** Only this sender (keyed hash of their email). */
  senderHash?: string;
  limit: number;
  offset: number;
}

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** Replies for the desk, newest first. Search is case-insensitive on both dialects (lower() on each side). */
export function listForDesk(db: Executor, filter: DeskFilter): Promise<DeskReplyRow[]> {
  let query = deskSelect(db);
  if (filter.status) query = query.where('replies.status', '=', filter.status);
  if (filter.senderHash) query = query.where('replies.author_email_hash', '=', filter.senderHash);
  const search = filter.search?.trim();
  if (search) {
    const pattern = likePattern(search);
    query = query.where((eb) =>
      eb.or(
        (['replies.body', 'replies.author_name', 'replies.author_email', 'replies.author_url'] as const).map(
          (column) => sql<boolean>`lower(${eb.ref(column)}) like ${pattern} escape '\\'`,
        ),
      ),
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
    .set({ body, body_fingerprint: textFingerprint(body), moderation_reason: reason, edited_at: nowIso })
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
