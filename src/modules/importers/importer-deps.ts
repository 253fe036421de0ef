import type { Kysely } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import type { DomainEvents } from '../../lib/events.js';
import type { Capabilities } from '../../storage/capabilities.js';
import type { Database } from '../../storage/schema.js';
import type { AccountsService } from '../accounts/index.js';
import type { ArticleWriter } from '../articles/index.js';
import type { ReplyWriter } from '../replies/index.js';

/**
 * What the importers need, and nothing more: the writers' import modes (an import is a mode of
 * each writer, never a second writer), the database for the one transaction an import runs in and
 * its old-link map (and the dialect's ways to load in bulk: less memory, another journal), the
 * clock, and the bus to announce the import once it commits.
 */
export interface ImporterDeps {
  db: Kysely<Database>;
  caps: Pick<Capabilities, 'journalForBulkLoad' | 'narrowCacheForBulkLoad' | 'sortsOnDisk' | 'fullText' | 'plainIndexes'>;
  clock: Clock;
  events: DomainEvents;
  articles: Pick<ArticleWriter, 'importArticle' | 'importFeaturedImage' | 'formatForImport' | 'deferIndexesForImport'>;
  replies: Pick<ReplyWriter, 'importReply' | 'importReplies' | 'deferIndexesForImport'>;
  accounts: Pick<AccountsService, 'importMember'>;
}
