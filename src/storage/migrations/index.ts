import type { Kysely, Migration } from 'kysely';
import type { Capabilities } from '../capabilities.js';
import * as m001 from './001-initial.js';
import * as m002 from './002-accounts.js';
import * as m003 from './003-moderation.js';
import * as m004 from './004-editorial.js';
import * as m010 from './010-jobs.js';
import * as m011 from './011-reply-lookup-indexes.js';
import * as m012 from './012-reply-sender-fingerprints.js';
import * as m013 from './013-account-safety.js';
import * as m014 from './014-moderation-decisions.js';
import * as m015 from './015-imports.js';
import * as m016 from './016-form-tokens.js';
import * as m017 from './017-spam-training.js';
import * as m018 from './018-tag-order.js';
import * as m040 from './040-search.js';
import * as m045 from './045-api-tokens.js';
import * as m046 from './046-webhooks.js';
import * as m050 from './050-embed-pages.js';
import * as m051 from './051-webhook-pause.js';
import * as m060 from './060-listing-indexes.js';
import * as m061 from './061-reply-html.js';
import * as m062 from './062-drop-redundant-reply-index.js';
import * as m030 from './030-reply-notifications.js';
import * as m035 from './035-seal-commenter-emails.js';
import * as m055 from './055-privacy-requests.js';
import type { MigrationContext } from './migration-context.js';

export type { MigrationContext };

type Step = {
  up(db: Kysely<any>, caps: Capabilities, context: MigrationContext): Promise<void>;
  down?(db: Kysely<any>, caps: Capabilities): Promise<void>;
};

/** Numbered migrations, in order. Add a file and a line here; never edit a released step. */
const steps: Record<string, Step> = {
  '001-initial': m001,
  '002-accounts': m002,
  '003-moderation': m003,
  '004-editorial': m004,
  '010-jobs': m010,
  '011-reply-lookup-indexes': m011,
  '012-reply-sender-fingerprints': m012,
  '013-account-safety': m013,
  '014-moderation-decisions': m014,
  '015-imports': m015,
  '016-form-tokens': m016,
  '017-spam-training': m017,
  '018-tag-order': m018,
  '040-search': m040,
  '045-api-tokens': m045,
  '046-webhooks': m046,
  '050-embed-pages': m050,
  '051-webhook-pause': m051,
  '030-reply-notifications': m030,
  '035-seal-commenter-emails': m035,
  '055-privacy-requests': m055,
  '060-listing-indexes': m060,
  '061-reply-html': m061,
  '062-drop-redundant-reply-index': m062,
};

/** The migrations bound to one dialect's capabilities, as Kysely's Migrator wants them. */
export function migrationsFor(caps: Capabilities, context: MigrationContext = {}): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(steps).map(([name, step]) => [
      name,
      {
        up: (db: Kysely<any>) => step.up(db, caps, context),
        ...(step.down ? { down: (db: Kysely<any>) => step.down!(db, caps) } : {}),
      },
    ]),
  );
}
