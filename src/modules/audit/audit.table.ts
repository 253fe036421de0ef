import type { Generated } from 'kysely';

/** One entry of the audit trail: who changed what, and how (before/after as JSON); composed into storage/schema.ts. */
export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: number | null;
  actor_name: string;
  /** What kind of actor: a signed-in member ('user'), Gazette itself ('system'), or a terminal command ('cli'). */
  actor_kind: Generated<string>;
  action: string;
  subject_type: string;
  subject_id: number;
  reason: string;
  before_json: string;
  after_json: string;
  created_at: string;
}
