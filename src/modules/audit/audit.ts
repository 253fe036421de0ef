/**
 * Who acted: a signed-in newsroom member ('user', with their id), Gazette itself ('system', e.g. a
 * reply held automatically), or a terminal command ('cli', named after the command, e.g.
 * "gazette replies approve"). The name is copied, so the trail reads right after a rename.
 * Without a kind, an actor with an id is a member and one without is Gazette.
 */
export interface AuditActor {
  kind?: 'user' | 'system' | 'cli';
  id: number | null;
  name: string;
}

/** The actor a terminal command records: no member, the command's own name. */
export function cliActor(command: string): AuditActor {
  return { kind: 'cli', id: null, name: command };
}

/** One recorded action: who did what to which thing, when, why, and the thing before and after. */
export interface AuditEntry {
  id: number;
  actor: Required<AuditActor>;
  /** What was done, e.g. `reply.approve`, `article.publish`. */
  action: string;
  subject: { type: 'reply' | 'article' | 'user' | 'settings' | 'address'; id: number };
  reason: string;
  before: unknown;
  after: unknown;
  at: Date;
}

/** What a service hands over to record an action. */
export interface AuditRecord {
  actor: AuditActor;
  action: string;
  subject: AuditEntry['subject'];
  reason?: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}
