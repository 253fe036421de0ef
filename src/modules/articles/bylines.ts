import type { Kysely, Transaction } from 'kysely';
import { slugify } from '../../lib/slug.js';
import type { Database } from '../../storage/schema.js';
import { ensureAuthor } from './article-writer.queries.js';

/**
 * The byline (authors row) a person writes under, made when missing. Accounts call this inside
 * their own transaction so a new member and their byline appear together.
 */
export function ensureByline(db: Kysely<Database> | Transaction<Database>, name: string, nowIso: string): Promise<number> {
  return ensureAuthor(db, slugify(name), name.trim(), '', nowIso);
}
