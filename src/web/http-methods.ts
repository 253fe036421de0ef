/**
 * The methods that change state (RFC 9110 §9.2.1: everything but the safe ones). A request with one
 * of them passes the same-origin check, carries a body the load shedder keeps, and in the
 * newsroom must carry the form token.
 */
export const unsafeMethods: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
