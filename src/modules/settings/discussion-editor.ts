import type { Kysely } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { InvalidFields } from '../../lib/errors.js';
import type { Database } from '../../storage/schema.js';
import { recordAudit } from '../audit/index.js';
import { normaliseDiscussionSettings, type DiscussionSettings } from './discussion-settings.js';
import type { DomainEvents } from '../../lib/events.js';
import { readSetting, writeSetting } from './settings.queries.js';

/** The allowed range of each number setting, as the settings page explains them. */
export const discussionRanges = Object.freeze({
  holdLinkCount: [0, 1000],
  closeAfterDays: [0, 36500],
  threadDepth: [1, 10],
  repliesPerPage: [0, 1000],
  floodIntervalSeconds: [0, 3600],
} as const);

/** Changing the discussion settings from the admin: checked, saved and audited in one transaction. */
export interface DiscussionEditor {
  update(changes: DiscussionSettings, actor: { id: number | null; name: string }): Promise<DiscussionSettings>;
}

/** The discussion settings editor over the database. */
export function createDiscussionEditor(db: Kysely<Database>, clock: Clock, events: DomainEvents): DiscussionEditor {
  return {
    async update(changes, actor) {
      const problems: { field: string; message: string }[] = [];
      for (const [field, [lo, hi]] of Object.entries(discussionRanges)) {
        const n = changes[field as keyof typeof discussionRanges];
        if (!Number.isInteger(n) || n < lo || n > hi) problems.push({ field, message: `Enter a whole number from ${lo} to ${hi}.` });
      }
      if (problems.length > 0) throw new InvalidFields(problems);
      const saved = await db.transaction().execute(async (trx) => {
        const before = normaliseDiscussionSettings(await readSetting<Partial<DiscussionSettings>>(trx, 'discussion'));
        const after = normaliseDiscussionSettings({ ...before, ...changes });
        await writeSetting(trx, 'discussion', after);
        const changedKeys = (Object.keys(after) as (keyof DiscussionSettings)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
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
      });
      // After the commit: every node's page cache drops pages the rules shape (forms, paging, closing).
      events.publish({ type: 'settings.changed', key: 'discussion' });
      return saved;
    },
  };
}
