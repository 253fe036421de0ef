import type { Transaction } from 'kysely';
import { searchDocumentOf } from '../../lib/search-document.js';
import type { Database } from '../../storage/schema.js';
import { documentSource, saveDocument } from './search.queries.js';

/**
 * Keeps an article's search document in step with its text, tags and section. The article writer
 * calls it inside the transaction of every save (editor, import, revision restored), so the index
 * never holds a text the article did not commit. Status changes need no call: whether readers may
 * see an article is read from the article at search time.
 */
export async function indexArticleForSearch(trx: Transaction<Database>, articleId: number): Promise<void> {
  const source = await documentSource(trx, articleId);
  if (source) await saveDocument(trx, articleId, searchDocumentOf(source));
}
