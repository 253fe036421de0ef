import type { Insertable } from 'kysely';
import { compiledStatement } from '../../storage/compiled-statements.js';
import type { Executor } from '../../storage/db.js';
import type { AuditActor, AuditEntry, AuditRecord } from './audit.js';
import type { AuditLogTable } from './audit.table.js';

/**
 * Records an action. Services call it with their own transaction, so an action and its record
 * are committed together or not at all.
 */
export async function recordAudit(db: Executor, entry: AuditRecord): Promise<void> {
  await auditInsert.rows(db, {
    actor_user_id: entry.actor.id,
    actor_name: entry.actor.name,
    actor_kind: entry.actor.kind ?? (entry.actor.id === null ? 'system' : 'user'),
    action: entry.action,
    subject_type: entry.subject.type,
    subject_id: entry.subject.id,
    reason: entry.reason ?? '',
    before_json: JSON.stringify(entry.before ?? null),
    after_json: JSON.stringify(entry.after ?? null),
    created_at: entry.at.toISOString(),
  });
}

/** An audit row with every column set (a compiled statement binds each one). */
type AuditRow = Required<Omit<Insertable<AuditLogTable>, 'id'>>;

// Every change a person or an import makes writes one: compiled once (compiled-statements.ts).
const auditInsert = compiledStatement((db, row: AuditRow) =>
  db.insertInto('audit_log').values({
    actor_user_id: row.actor_user_id,
    actor_name: row.actor_name,
    actor_kind: row.actor_kind,
    action: row.action,
    subject_type: row.subject_type,
    subject_id: row.subject_id,
    reason: row.reason,
    before_json: row.before_json,
    after_json: row.after_json,
    created_at: row.created_at,
  }),
);

/** Recorded actions, newest first, optionally about one subject. */
export async function listAudit(
  db: Executor,
  filter: { subjectType?: string; subjectId?: number; limit: number; offset?: number },
): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.subjectType) query = query.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId !== undefined) query = query.where('subject_id', '=', filter.subjectId);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    actor: { kind: r.actor_kind as Required<AuditActor>['kind'], id: r.actor_user_id, name: r.actor_name },
    action: r.action,
    subject: { type: r.subject_type as AuditEntry['subject']['type'], id: r.subject_id },
    reason: r.reason,
    before: JSON.parse(r.before_json),
    after: JSON.parse(r.after_json),
    at: new Date(r.created_at),
  }));
}
