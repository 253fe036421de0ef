/**
 * The methods that change state (everything but GET, HEAD, OPTIONS and TRACE, the safe methods of
 * RFC 9110 §9.2.1) and so carry a body: what the same-origin check, the form tokens and load
 * shedding single out.
 */
export const unsafeMethods: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
