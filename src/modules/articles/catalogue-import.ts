import type { Transaction } from 'kysely';
import { InvalidFields } from '../../lib/errors.js';
import { unstorableTextProblem } from '../../lib/reader-text.js';
import { slugify } from '../../lib/slug.js';
import type { Database } from '../../storage/schema.js';
import { isKeepableSlug } from './article-slug.js';
import type { ArticleInput, ImportedRevision } from './articles.js';
import { authorExists, ensureAuthor, ensureSection, ensureTag } from './article-writer.queries.js';

/*
 * Import mode for what articles hang on (bylines, sections, tags), with their exact addresses and
 * details: the same queries the article writer makes them with, so they stay this module's writes.
 * A row with the address already here is kept and reused (a site's first member already has a byline).
 */

/** A byline, section or tag as an import brings it. */
export interface ImportedCatalogueEntry {
  slug: string;
  name: string;
}

function check(kind: string, entry: ImportedCatalogueEntry, extra = ''): void {
  const problems: { field: string; message: string }[] = [];
  if (!isKeepableSlug(entry.slug)) problems.push({ field: 'slug', message: `“${entry.slug}” cannot be kept as the ${kind}'s address.` });
  const problem = unstorableTextProblem(`${entry.name}${extra}`);
  if (problem) problems.push({ field: 'name', message: `The ${kind} ${problem}` });
  else if (!entry.name.trim() || entry.name.length > 120)
    problems.push({ field: 'name', message: `Name the ${kind} (at most 120 characters).` });
  if (problems.length > 0) throw new InvalidFields(problems);
}

/** A byline with its address, bio and date; returns its id here. */
export async function importByline(
  trx: Transaction<Database>,
  entry: ImportedCatalogueEntry & { bio: string; createdAt: Date },
): Promise<number> {
  check('byline', entry, entry.bio);
  const id = await ensureAuthor(trx, entry.slug, entry.name.trim(), entry.bio, entry.createdAt.toISOString());
  await trx.updateTable('authors').set({ bio: entry.bio }).where('id', '=', id).execute();
  return id;
}

/** A section with its address and place in the menu; returns its id here. */
export async function importSection(trx: Transaction<Database>, entry: ImportedCatalogueEntry & { position: number }): Promise<number> {
  check('section', entry);
  const id = await ensureSection(trx, entry.slug, entry.name.trim());
  await trx.updateTable('sections').set({ position: entry.position }).where('id', '=', id).execute();
  return id;
}

/** A tag with its address; returns its id here. */
export function importTag(trx: Transaction<Database>, entry: ImportedCatalogueEntry): Promise<number> {
  check('tag', entry);
  return ensureTag(trx, entry.slug, entry.name.trim());
}

/** Refuses an imported revision whose text cannot be stored (a NUL fails PostgreSQL's insert). */
export function checkImportedRevisions(revisions: readonly ImportedRevision[]): void {
  for (const [i, r] of revisions.entries()) {
    const problem = unstorableTextProblem(`${r.headline}${r.dek}${r.slug}${r.bodyMarkdown}${r.userName}`);
    if (problem) throw new InvalidFields([{ field: 'revisions', message: `Revision ${i + 1} ${problem}` }]);
  }
}

/** An imported revision as stored; its text is kept as it was (it was checked where it was written). */
export function importedRevisionRow(articleId: number, r: ImportedRevision) {
  return {
    article_id: articleId,
    headline: r.headline,
    dek: r.dek,
    slug: r.slug,
    body_markdown: r.bodyMarkdown,
    status: r.status,
    user_id: r.userId,
    user_name: r.userName,
    created_at: r.createdAt.toISOString(),
  };
}

/** The byline an imported article names: by name (made when missing) or an existing one by id. */
export async function importedByline(trx: Transaction<Database>, author: ArticleInput['author'], nowIso: string): Promise<number> {
  if ('name' in author) {
    const problem = unstorableTextProblem(`${author.name}${author.bio ?? ''}`);
    if (problem || !author.name.trim())
      throw new InvalidFields([{ field: 'author', message: problem ? `The byline ${problem}` : 'Name the byline.' }]);
    return ensureAuthor(trx, slugify(author.name), author.name.trim(), author.bio ?? '', nowIso);
  }
  if (!(await authorExists(trx, author.authorId))) throw new InvalidFields([{ field: 'author', message: 'There is no such byline.' }]);
  return author.authorId;
}
