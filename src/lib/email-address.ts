/**
 * What Gazette takes for an email address, for readers and newsroom members alike. Deliberately
 * plain: one @, no spaces or the characters that only quoted forms allow, a dot in the domain and
 * a top-level name of two letters or more. Exotic but valid addresses that fail this are rarer
 * than the typos it catches, and no mail is sent to a reader's address to prove it.
 */
export const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;
