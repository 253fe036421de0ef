import type { Transaction } from 'kysely';
import { Conflict, InvalidFields } from '../../lib/errors.js';
import { slugify } from '../../lib/slug.js';
import type { Database } from '../../storage/schema.js';
import type { UniqueKey } from '../../storage/unique-conflict.js';
import { articleWithSlug } from './article-writer.queries.js';

/** Longest address an import may keep (what the public route accepts). */
export const IMPORTED_SLUG_LIMIT = 200;

/** What a person is told when the address they asked for belongs to another article. */
export function slugTakenMessage(slug: string): string {
  return slug
    ? `Another article already lives at “${slug}”. Choose another address.`
    : 'Another article took this address at the same moment. Save again.';
}

/** The unique key on article addresses, for `conflictOnUniqueViolation`. */
export function slugKey(wanted: string): UniqueKey {
  return { table: 'articles', column: 'slug', field: 'slug', message: slugTakenMessage(wanted) };
}

/**
 * Whether an imported address can be kept as it is: lower-case letters (any script) and digits in
 * words joined by single hyphens, so it is one clean path segment.
 */
export function isKeepableSlug(slug: string): boolean {
  return slug.length <= IMPORTED_SLUG_LIMIT && /^[\p{Ll}\p{Lo}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{N}]+)*$/u.test(slug);
}

/**
 * A free address for an article. Asked for one (`wanted`): that one, refused when another article
 * has it: in the editor as a field of the form (InvalidFields), in an import as a Conflict (the
 * original address is kept exactly or not at all). Otherwise one made from the headline, with
 * `-2`, `-3`... when taken. `articleId` is the article being saved, which may keep its own.
 */
export async function chooseSlug(
  trx: Transaction<Database>,
  choice: { wanted: string; headline: string; articleId?: number; mode: 'editor' | 'import' },
): Promise<string> {
  const { wanted, articleId } = choice;
  if (wanted) {
    const owner = await articleWithSlug(trx, wanted);
    if (owner !== undefined && owner !== articleId) {
      if (choice.mode === 'import') throw new Conflict(slugTakenMessage(wanted), 'slug');
      throw new InvalidFields([{ field: 'slug', message: slugTakenMessage(wanted) }]);
    }
    return wanted;
  }
  const base = slugify(choice.headline);
  let slug = base;
  for (let n = 2; ; n++) {
    const owner = await articleWithSlug(trx, slug);
    if (owner === undefined || owner === articleId) return slug;
    slug = `${base}-${n}`;
  }
}
