export type { AuditActor, AuditEntry, AuditRecord } from './audit.js';
export { cliActor } from './audit.js';
export { recordAudit } from './audit.queries.js';
export { createAuditService, type AuditService } from './audit.service.js';
