import { Type, type TProperties } from '@sinclair/typebox';
import { NotFound } from '../../../lib/errors.js';
import { isRowId } from '../../../lib/row-id.js';

/**
 * An admin form's body: its fields, all optional as a browser may leave any out (the services
 * say what is missing, with a message next to the field), plus the anti-forgery token.
 */
export function Form<T extends TProperties>(fields: T) {
  return Type.Partial(Type.Object({ _csrf: Type.String({ maxLength: 200 }), ...fields }));
}

/** `:id` in admin paths. */
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,12}$' }) });

/** Whether a decimal string is an id some row could have (lib/row-id.ts). */
export function isRowIdText(value: string): boolean {
  return /^[0-9]{1,12}$/.test(value) && isRowId(Number(value));
}

/** An id from a path as a number; one no row can have is a missing page (404), not a database error. */
export function rowId(value: string): number {
  if (!isRowIdText(value)) throw new NotFound('There is nothing with that number here.');
  return Number(value);
}
