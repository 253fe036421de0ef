/** One recorded action: who did what to which thing, when, why, and the thing before and after. */
export interface AuditEntry {
  id: number;
  actor: { id: number | null; name: string };
  /** What was done, e.g. `reply.approve`, `article.publish`. */
  action: string;
  subject: { type: 'reply' | 'article' | 'user' | 'settings'; id: number };
  reason: string;
  before: unknown;
  after: unknown;
  at: Date;
}

/** What a service hands over to record an action. */
export interface AuditRecord {
  actor: { id: number | null; name: string };
  action: string;
  subject: AuditEntry['subject'];
  reason?: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}
