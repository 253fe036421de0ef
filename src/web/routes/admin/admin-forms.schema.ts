import { Type, type TProperties } from '@sinclair/typebox';
import { NotFound } from '../../../lib/errors.js';

/**
 * An admin form's body: its fields, all optional as a browser may leave any out (the services
 * say what is missing, with a message next to the field), plus the anti-forgery token.
 */
export function Form<T extends TProperties>(fields: T) {
  return Type.Partial(Type.Object({ _csrf: Type.String({ maxLength: 200 }), ...fields }));
}

/** `:id` in admin paths. */
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,12}$' }) });

/** The largest id a row can have: PostgreSQL's `integer` (ids past it are not "missing" but a database error). */
const MAX_ROW_ID = 2_147_483_647;

/** Whether a decimal string is an id some row could have. */
export function isRowId(value: string): boolean {
  const n = Number(value);
  return /^[0-9]{1,12}$/.test(value) && n >= 1 && n <= MAX_ROW_ID;
}

/** An id from a path as a number; one no row can have is a missing page (404), not a database error. */
export function rowId(value: string): number {
  if (!isRowId(value)) throw new NotFound('There is nothing with that number here.');
  return Number(value);
}
