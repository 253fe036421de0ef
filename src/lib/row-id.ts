/**
 * The largest id a row can have: PostgreSQL's `integer`, the type of every id column. An id from
 * outside (a form, a query string, a cookie, a cursor) past it names no row, and handed to the
 * database it is not "missing" but an error ("value out of range for type integer"), a 500.
 */
export const MAX_ROW_ID = 2_147_483_647;

/** Whether `n` is an id some row could have: a whole number from 1 to `MAX_ROW_ID`. */
export function isRowId(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 1 && n <= MAX_ROW_ID;
}
