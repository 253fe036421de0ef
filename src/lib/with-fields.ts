/**
 * `{ ...base, ...more }`, written so V8 builds it fast. Node 20's V8 (11.3) adds each field written
 * after an object spread the slow way: for a 9-field row, about 0.1 µs for the spread alone, 4.5 µs
 * with three more fields, 15 µs with eleven; this, 0.3 µs and 1 µs (`npm run bench:object-copies`,
 * docs/benchmarks.md). An import's million replies each passed through several such copies, a
 * twentieth of its main thread. Same result as the spread: own enumerable fields in order, later
 * ones win. For objects this code made, not raw parsed input (a parsed `__proto__` field would set
 * the copy's prototype, where a spread keeps it as a field).
 */
export function withFields<Base extends object, More extends object>(base: Base, more: More): Omit<Base, keyof More> & More {
  return Object.assign({}, base, more);
}
