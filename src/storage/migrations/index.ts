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

type Step = { up(db: Kysely<any>, caps: Capabilities): Promise<void>; down?(db: Kysely<any>, caps: Capabilities): Promise<void> };

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
};

/** The migrations bound to one dialect's capabilities, as Kysely's Migrator wants them. */
export function migrationsFor(caps: Capabilities): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(steps).map(([name, step]) => [
      name,
      {
        up: (db: Kysely<any>) => step.up(db, caps),
        ...(step.down ? { down: (db: Kysely<any>) => step.down!(db, caps) } : {}),
      },
    ]),
  );
}
