import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.js';
import type { AuditEntry } from './audit.js';
import { listAudit } from './audit.queries.js';

/** Reading the audit trail (services write it inside their own transactions). */
export interface AuditService {
  list(filter?: {
    subjectType?: AuditEntry['subject']['type'];
    subjectId?: number;
    limit?: number;
    offset?: number;
  }): Promise<AuditEntry[]>;
}

/** The audit trail over the database. */
export function createAuditService(db: Kysely<Database>): AuditService {
  return {
    list: (filter = {}) => listAudit(db, { ...filter, limit: filter.limit ?? 100 }),
  };
}
