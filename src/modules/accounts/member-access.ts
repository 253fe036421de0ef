import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../lib/clock.js';
import { Forbidden, NotFound } from '../../lib/errors.js';
import type { Database } from '../../storage/schema.js';
import { recordAudit } from '../audit/index.js';
import * as q from './accounts.queries.js';

/** Who made a change to an account, for the audit trail. */
export interface AuditActor {
  id: number | null;
  name: string;
}

/** What an administrator can do about another member's access; every change is audited. */
export interface MemberAccess {
  /** Disables (sessions and reset links end at once) or enables a member; returns their row. */
  setDisabled(id: number, disabled: boolean, by: AuditActor): Promise<q.UserRow>;
  /** Removes a member; their byline (the authors row) and so their articles' credit stay. */
  remove(id: number, by: AuditActor): Promise<void>;
  /** Ends every session of a member; returns how many there were. */
  endSessionsOf(id: number, by: AuditActor): Promise<number>;
}

/** Member access over the database. */
export function createMemberAccess(db: Kysely<Database>, clock: Clock): MemberAccess {
  /**
   * The member an administrator is about to disable or remove, after the checks that keep the
   * newsroom manageable: not yourself, and never the last administrator who can still sign in.
   */
  async function guardedTarget(trx: Transaction<Database>, id: number, by: AuditActor, action?: 'disable' | 'remove'): Promise<q.UserRow> {
    await q.lockAdministrators(trx);
    const row = await q.findUser(trx, id);
    if (!row) throw new NotFound('There is no such account.');
    if (!action) return row;
    if (by.id === id) throw new Forbidden(`You cannot ${action} your own account; ask another administrator.`);
    if (row.role === 'administrator' && row.disabled_at === null && (await q.countActiveAdministrators(trx)) <= 1) {
      throw new Forbidden(`This is the last active administrator; make someone else an administrator before you ${action} them.`);
    }
    return row;
  }

  return {
    async setDisabled(id, disabled, by) {
      return db.transaction().execute(async (trx) => {
        const row = await guardedTarget(trx, id, by, disabled ? 'disable' : undefined);
        const nowIso = clock.now().toISOString();
        if ((row.disabled_at !== null) === disabled) return row;
        await q.setDisabledAt(trx, id, disabled ? nowIso : null, nowIso);
        if (disabled) {
          await q.deleteSessionsOf(trx, id);
          await q.useTokensOf(trx, id, 'reset', nowIso);
        }
        await recordAudit(trx, {
          actor: by,
          action: disabled ? 'user.disable' : 'user.enable',
          subject: { type: 'user', id },
          before: { name: row.display_name, disabled: row.disabled_at !== null },
          after: { name: row.display_name, disabled },
          at: new Date(nowIso),
        });
        return { ...row, disabled_at: disabled ? nowIso : null };
      });
    },
    async remove(id, by) {
      await db.transaction().execute(async (trx) => {
        const row = await guardedTarget(trx, id, by, 'remove');
        await q.deleteUser(trx, id);
        await recordAudit(trx, {
          actor: by,
          action: 'user.remove',
          subject: { type: 'user', id },
          before: { name: row.display_name, email: row.email, role: row.role },
          after: null,
          at: clock.now(),
        });
      });
    },
    async endSessionsOf(id, by) {
      return db.transaction().execute(async (trx) => {
        const row = await q.findUser(trx, id);
        if (!row) throw new NotFound('There is no such account.');
        const ended = await q.deleteSessionsOf(trx, id);
        await recordAudit(trx, {
          actor: by,
          action: 'user.sessions-end',
          subject: { type: 'user', id },
          before: { name: row.display_name },
          after: { sessionsEnded: ended },
          at: clock.now(),
        });
        return ended;
      });
    },
  };
}
