import type { AuditEntry } from '../../../modules/audit/index.js';
import { AdminLayout, type AdminChrome } from './admin-layout.js';
import { PageHeader } from './admin-fields.js';
import { AuditTable } from './audit-list.js';

/** Every moderation and editorial action, newest first. */
export function AuditPage(props: { chrome: AdminChrome; entries: AuditEntry[] }) {
  return (
    <AdminLayout chrome={props.chrome} title="Audit trail" section="audit">
      <PageHeader title="Audit trail" lead="Every moderation and editorial action: who, what, when, why, and what it changed." />
      <AuditTable entries={props.entries} />
    </AdminLayout>
  );
}
