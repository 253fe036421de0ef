/**
 * The closed set of errors the domain may raise. One error handler in `web/plugins/errors.ts`
 * maps each to a status code, to JSON and to the reply form's inline messages.
 */
export type ErrorCode = 'not_found' | 'invalid' | 'unauthorized' | 'forbidden' | 'conflict' | 'rate_limited' | 'closed' | 'unavailable';

/** Base of every expected error: carries a stable code and a message meant for the person who caused it. */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** The input field the message belongs to, when there is one (e.g. `email`). */
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(message);
    this.name = new.target.name;
    if (field !== undefined) this.field = field;
  }
}

/** The thing asked for does not exist (or is not visible to the asker). */
export class NotFound extends DomainError {
  readonly code = 'not_found';
}

/** The input breaks a rule; `field` names which input, when one does. */
export class Invalid extends DomainError {
  readonly code = 'invalid';
}

/** Several invalid fields at once, so a form can show every message in one round trip. */
export class InvalidFields extends Invalid {
  constructor(readonly problems: ReadonlyArray<{ field: string; message: string }>) {
    super(problems[0]?.message ?? 'The input is not valid.', problems[0]?.field);
  }
}

/** The caller did not say who they are, or said it with a key we do not know (an API token). */
export class Unauthorized extends DomainError {
  readonly code = 'unauthorized';
}

/** The actor may not do this. */
export class Forbidden extends DomainError {
  readonly code = 'forbidden';
}

/** The same thing already exists (e.g. a duplicate reply). */
export class Conflict extends DomainError {
  readonly code = 'conflict';
}

/** Too many attempts too quickly. */
export class RateLimited extends DomainError {
  readonly code = 'rate_limited';
}

/** The subject no longer accepts this action (e.g. replies closed on an article). */
export class Closed extends DomainError {
  readonly code = 'closed';
}

/** A dependency (the database) is unreachable for now; the request may be retried. */
export class Unavailable extends DomainError {
  readonly code = 'unavailable';
}

/** Driver error codes that mean "the database cannot be reached right now", not "the query is wrong". */
const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
]);

/** Whether an error thrown by a database driver means the database is unreachable for now. */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && connectionErrorCodes.has(code)) return true;
  const message = String((error as { message?: unknown }).message ?? '');
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    message,
  );
}

/** The server is over its capacity right now and sheds this request; the sender may retry shortly. */
export class Overloaded extends Unavailable {}
