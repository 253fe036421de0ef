import { DomainError, type ErrorCode } from '../lib/errors.js';
import { fieldProblems, toPublicError, type PublicError } from './plugins/error-mapping.js';
import type { FormErrors } from './views/admin/admin-fields.js';

/** A refused form: the status to answer with, the messages by field, and the error's own message. */
export interface FormRefusal {
  status: number;
  errors: FormErrors;
  message: string;
}

/** What to do once the form's work is done, or refused. */
export interface FormOutcome<T, R> {
  /** The work succeeded: usually a redirect (post/redirect/get). */
  done: (value: T) => R | Promise<R>;
  /** A domain error: the same page again, with the person's text and the messages, at `refusal.status`. */
  refused: (refusal: FormRefusal) => R | Promise<R>;
}

/** Domain errors that are not about what was typed and so go to the error page instead (a 404 for a reply deleted meanwhile). */
export interface SubmitFormOptions {
  toErrorPage?: readonly ErrorCode[];
}

/** Form messages from an error's public form: each field's first message, or one for the whole form. */
export function errorsFrom(error: Pick<PublicError, 'message' | 'field' | 'fields'>): FormErrors {
  const problems = fieldProblems(error);
  if (problems.length === 0) return { fields: {}, form: error.message };
  const fields: Record<string, string> = {};
  for (const p of problems) fields[p.field] ??= p.message;
  return { fields };
}

/**
 * Runs a form's write. A domain error (`Invalid`, `Conflict`, a rate limit…) becomes a refusal the
 * route re-renders as the same page, keeping what the person typed, with the status the error maps
 * to; anything else (a bug, the database away) goes on to the error handler, which never shows its
 * details. `done` runs outside the catch, so its own errors are never mistaken for the form's.
 */
export async function submitForm<T, R>(work: () => Promise<T>, outcome: FormOutcome<T, R>, options: SubmitFormOptions = {}): Promise<R> {
  let value: T;
  try {
    value = await work();
  } catch (error) {
    if (!(error instanceof DomainError) || options.toErrorPage?.includes(error.code)) throw error;
    const e = toPublicError(error);
    return outcome.refused({ status: e.status, errors: errorsFrom(e), message: e.message });
  }
  return outcome.done(value);
}
