import type {
  AccountTokensTable,
  SessionsTable,
  SignInFailuresTable,
  SignInLocksTable,
  UsersTable,
} from '../modules/accounts/accounts.table.js';
import type {
  ArticleRevisionsTable,
  ArticlesTable,
  ArticleTagsTable,
  AuthorsTable,
  SectionsTable,
  TagsTable,
} from '../modules/articles/articles.table.js';
import type { ApiTokensTable } from '../modules/api-tokens/api-tokens.table.js';
import type { WebhookDeliveriesTable, WebhooksTable } from '../modules/webhooks/webhooks.table.js';
import type { EmbedPagesTable } from '../modules/embeds/embeds.table.js';
import type { AuditLogTable } from '../modules/audit/audit.table.js';
import type { LegacyKeysTable } from '../modules/importers/legacy-keys.table.js';
import type { JobsTable } from '../modules/jobs/jobs.table.js';
import type { MediaTable } from '../modules/media/media.table.js';
import type { NotifyMemberSettingsTable, NotifySubscriptionsTable } from '../modules/notify/notify.table.js';
import type { PrivacyRequestsTable } from '../modules/privacy/privacy.table.js';
import type { RepliesTable, UsedFormTokensTable } from '../modules/replies/replies.table.js';
import type { ArticleSearchDocumentsTable } from '../modules/search/search.table.js';
import type { SettingsTable } from '../modules/settings/settings.table.js';
import type { SpamTrainingTable } from '../modules/spam/spam-training.table.js';

/*
 * The database as Kysely sees it, composed from the tables each module declares in its
 * `<module>.table.ts` (what a column or a status means is the module's business, not storage's;
 * see CONTEXT.md). These are type-only imports: nothing from the modules runs here.
 *
 * How values are stored, the same in every table: timestamps as ISO-8601 UTC text
 * (`Date#toISOString()`, fixed width), the same in SQLite and PostgreSQL, so they sort as text and
 * cross both drivers unchanged; booleans as 0/1 integers for the same reason.
 */

/** The database as Kysely sees it: table name → the owning module's row type. */
export interface Database {
  settings: SettingsTable;
  authors: AuthorsTable;
  sections: SectionsTable;
  articles: ArticlesTable;
  tags: TagsTable;
  article_tags: ArticleTagsTable;
  replies: RepliesTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_failures: SignInFailuresTable;
  sign_in_locks: SignInLocksTable;
  account_tokens: AccountTokensTable;
  audit_log: AuditLogTable;
  media: MediaTable;
  article_revisions: ArticleRevisionsTable;
  jobs: JobsTable;
  legacy_keys: LegacyKeysTable;
  spam_training: SpamTrainingTable;
  used_form_tokens: UsedFormTokensTable;
  article_search_documents: ArticleSearchDocumentsTable;
  api_tokens: ApiTokensTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  embed_pages: EmbedPagesTable;
  notify_subscriptions: NotifySubscriptionsTable;
  notify_member_settings: NotifyMemberSettingsTable;
  privacy_requests: PrivacyRequestsTable;
}
