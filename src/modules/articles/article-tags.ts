import type { Transaction } from 'kysely';
import { slugify } from '../../lib/slug.js';
import type { Database } from '../../storage/schema.js';
import { ensureTag } from './article-writer.queries.js';

const TAG_LENGTH = 60;
const TAGS_PER_ARTICLE = 30;

/** Cleans tag names: spaces collapsed, blanks and repeats (case-insensitive) dropped, each and their number bounded. */
export function cleanTags(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of names) {
    const name = raw.replace(/\s+/g, ' ').trim();
    if (name && !seen.has(name.toLowerCase())) {
      seen.add(name.toLowerCase());
      tags.push(name.slice(0, TAG_LENGTH));
    }
  }
  return tags.slice(0, TAGS_PER_ARTICLE);
}

/**
 * The ids of the tags with these names, made when missing; names sharing a slug count once.
 * `slugs`: an import's own address for a name, where it is not the one made from the name.
 */
export async function tagIdsFor(
  trx: Transaction<Database>,
  names: readonly string[],
  slugs: ReadonlyMap<string, string> = new Map(),
): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) ids.push(await ensureTag(trx, slugs.get(name) ?? slugify(name), name));
  return [...new Set(ids)];
}
