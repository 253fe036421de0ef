import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { InvalidFields } from '../../lib/errors.js';
import { parseOrigin } from '../../lib/web-origin.js';
import type { DomainEvents } from '../../lib/events.js';
import type { Database } from '../../storage/schema.js';
import { recordAudit, type AuditActor } from '../audit/index.js';
import { readSetting, writeSetting } from '../settings/index.js';
import { discussionRanges, normaliseDiscussionSettings, type DiscussionSettings, type RangedSetting } from './discussion-settings.js';

/**
 * The discussion settings: read by every post and page, and changed through one writer (the admin's
 * settings page, the CLI, tests, benchmarks alike) that checks the ranges, saves and audits in one
 * transaction, and announces `settings.changed` after the commit.
 */
export interface DiscussionSettingsService {
  /** The settings in force; `within`: read through that open transaction. */
  current(within?: Transaction<Database>): Promise<DiscussionSettings>;
  /** Changes the given settings (the rest stay); refuses a number out of its range, naming every such field. */
  update(
    changes: Partial<DiscussionSettings>,
    actor: AuditActor,
    options?: { within?: Transaction<Database> },
  ): Promise<DiscussionSettings>;
}

/** The discussion settings over the `settings` table. */
export function createDiscussionSettingsService(db: Kysely<Database>, clock: Clock, events: DomainEvents): DiscussionSettingsService {
  return {
    async current(within) {
      return normaliseDiscussionSettings(await readSetting<Partial<DiscussionSettings>>(within ?? db, 'discussion'));
    },
    async update(changes, actor, options = {}) {
      const problems: { field: string; message: string }[] = [];
      for (const field of Object.keys(changes).filter((k): k is RangedSetting => k in discussionRanges)) {
        const [lo, hi] = discussionRanges[field];
        const n = changes[field];
        if (!Number.isInteger(n) || n! < lo || n! > hi) problems.push({ field, message: `Enter a whole number from ${lo} to ${hi}.` });
      }
      if (changes.embedOrigins) {
        const bad = changes.embedOrigins.find((o) => parseOrigin(o) === null);
        if (bad !== undefined)
          problems.push({
            field: 'embedOrigins',
            message: `“${bad.slice(0, 80)}” is not a site's origin. Write one per line as https://blog.example (scheme, host and port only).`,
          });
        else changes = { ...changes, embedOrigins: [...new Set(changes.embedOrigins.map((o) => parseOrigin(o)!))] };
      }
      if (problems.length > 0) throw new InvalidFields(problems);
      const write = async (trx: Transaction<Database>) => {
        const before = normaliseDiscussionSettings(await readSetting<Partial<DiscussionSettings>>(trx, 'discussion'));
        const after = normaliseDiscussionSettings({ ...before, ...changes });
        await writeSetting(trx, 'discussion', after);
        const changedKeys = (Object.keys(after) as (keyof DiscussionSettings)[]).filter(
          (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
        );
        if (changedKeys.length > 0) {
          await recordAudit(trx, {
            actor,
            action: 'settings.discussion',
            subject: { type: 'settings', id: 0 },
            before: Object.fromEntries(changedKeys.map((k) => [k, before[k]])),
            after: Object.fromEntries(changedKeys.map((k) => [k, after[k]])),
            at: clock.now(),
          });
        }
        return after;
      };
      // Inside an import's transaction the caller announces once it commits.
      if (options.within) return write(options.within);
      const saved = await db.transaction().execute(write);
      // After the commit: every node's page cache drops pages the rules shape (forms, paging, closing).
      events.publish({ type: 'settings.changed', key: 'discussion' });
      return saved;
    },
  };
}
