import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { DomainEvents } from '../../lib/events.js';
import type { Database } from '../../storage/schema.js';
import type { ArticleStatus } from './articles.js';
import { recordAudit } from '../audit/index.js';
import type { WriterActor } from './articles.js';
import * as wq from './article-writer.queries.js';

/** The status actions of the newsroom, apart from saving (which publishes or schedules with the text). */
export type StatusAction = 'unpublish' | 'trash' | 'restore';

/** Where each action leads and from which statuses it applies. */
const transitions: Record<StatusAction, { to: ArticleStatus; from: readonly ArticleStatus[] }> = {
  /** Takes a live or scheduled article off the site (back to draft). */
  unpublish: { to: 'draft', from: ['published', 'scheduled'] },
  trash: { to: 'trash', from: ['draft', 'published', 'scheduled'] },
  /** Brings an article back from the trash, as a draft. */
  restore: { to: 'draft', from: ['trash'] },
};

/** Who the trail names when the scheduler publishes an article on time (no person clicked anything). */
export const SCHEDULER_ACTOR: WriterActor = { id: null, name: 'Scheduler' };

/**
 * The publication time a save in the editor stores: the chosen time when scheduling; when
 * publishing, the earlier publication if there was one already public, else now; otherwise unchanged.
 */
export function publicationTime(status: ArticleStatus, publishAt: Date | null, previous: string | null, now: Date): string | null {
  if (status === 'scheduled') return publishAt!.toISOString();
  if (status === 'published') return previous && previous <= now.toISOString() ? previous : now.toISOString();
  return previous;
}

/** The trail's name for a save that leaves the article in `status` (`before` undefined: a new article). */
export function saveAction(status: ArticleStatus, before?: ArticleStatus): string {
  if (status === 'published' && before !== 'published') return 'article.publish';
  if (status === 'scheduled' && before !== 'scheduled') return 'article.schedule';
  return before === undefined ? 'article.create' : 'article.update';
}

/** Records one status change in the trail, inside the transaction that made it. */
function auditStatus(
  trx: Transaction<Database>,
  change: { id: number; from: ArticleStatus; to: ArticleStatus; action: string; actor: WriterActor; at: Date },
) {
  return recordAudit(trx, {
    actor: change.actor,
    action: change.action,
    subject: { type: 'article', id: change.id },
    before: { status: change.from },
    after: { status: change.to },
    at: change.at,
  });
}

/** Changing an article's status alone: the newsroom's actions and the scheduler's publication. */
export interface StatusChanger {
  /** Applies a status action to one article, audited and announced; Invalid when it does not apply to its status. */
  changeStatus(id: number, action: StatusAction, actor: WriterActor): Promise<void>;
  /**
   * Marks scheduled articles whose time has come as published, each audited as published by the
   * scheduler and announced, exactly once however many nodes call it at the same moment. Returns their ids.
   */
  publishDue(): Promise<number[]>;
}

/** The one place an article's status changes without its text (see `saveAction` for saves). */
export function createStatusChanger(deps: {
  db: Kysely<Database>;
  clock: Clock;
  events: DomainEvents;
  /** What follows each change inside its transaction (see `ArticleWriterDeps.followUp`). */
  followUp: (trx: Transaction<Database>, articleId: number) => Promise<void>;
}): StatusChanger {
  const { db, clock, events, followUp } = deps;
  return {
    async changeStatus(id, action, actor) {
      const { to, from } = transitions[action];
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirst();
        if (!before) throw new NotFound('There is no article with this number.');
        // The condition is checked again by the UPDATE itself, against a concurrent change.
        if (!from.includes(before.status) || !(await wq.moveStatus(trx, id, from, to, now.toISOString()))) {
          throw new Invalid(`This article is ${before.status}, so that does not apply.`);
        }
        await auditStatus(trx, { id, from: before.status, to, action: `article.${action}`, actor, at: now });
        await followUp(trx, id);
      });
      events.publish({ type: 'article.changed', articleId: id });
    },

    async publishDue() {
      const now = clock.now();
      const ids = await db.transaction().execute(async (trx) => {
        const published = await wq.publishDue(trx, now.toISOString());
        for (const id of published) {
          await auditStatus(trx, { id, from: 'scheduled', to: 'published', action: 'article.publish', actor: SCHEDULER_ACTOR, at: now });
          await followUp(trx, id);
        }
        return published;
      });
      for (const articleId of ids) events.publish({ type: 'article.changed', articleId });
      return ids;
    },
  };
}
