import { DomainError, InvalidFields, isConnectionError } from '../../lib/errors.js';

/** An error as the outside world sees it: status, stable code, a message for people. */
export interface PublicError {
  status: number;
  code: string;
  message: string;
  field?: string;
  fields?: { field: string; message: string }[];
}

const statusByCode: Record<string, number> = {
  not_found: 404,
  invalid: 422,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  rate_limited: 429,
  closed: 403,
  unavailable: 503,
};

type FastifyishError = Error & {
  statusCode?: number;
  code?: string;
  validation?: { instancePath?: string; params?: Record<string, unknown>; message?: string }[];
};

/**
 * Maps any thrown value to what may be shown: domain errors keep their message, Fastify's own 4xx
 * keep theirs, everything else becomes a 500 (or 503 when the database is away) whose details
 * stay in the log.
 */
export function toPublicError(error: unknown): PublicError {
  if (error instanceof InvalidFields) {
    return { status: 422, code: error.code, message: error.message, field: error.field, fields: [...error.problems] };
  }
  if (error instanceof DomainError) {
    return {
      status: statusByCode[error.code] ?? 400,
      code: error.code,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
    };
  }
  const e = error as FastifyishError;
  if (e?.validation && e.validation.length > 0) {
    const first = e.validation[0]!;
    const field =
      (first.params?.missingProperty as string | undefined) ??
      (first.params?.additionalProperty as string | undefined) ??
      first.instancePath?.replace(/^\//, '').split('/')[0];
    const message = field ? `The field "${field}" ${first.message ?? 'is not valid'}.` : `The request ${first.message ?? 'is not valid'}.`;
    return { status: 400, code: 'invalid', message, ...(field ? { field } : {}) };
  }
  if (isConnectionError(error)) {
    return { status: 503, code: 'unavailable', message: 'The site cannot reach its database right now. Please try again in a moment.' };
  }
  if (e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return {
      status: 413,
      code: 'too_large',
      message: 'What you sent is larger than this form accepts, so it was not read. Shorten it and send it again.',
    };
  }
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, code: e.statusCode === 413 ? 'too_large' : 'bad_request', message: e.message };
  }
  return { status: 500, code: 'internal', message: 'Something went wrong on our side. The problem has been logged.' };
}

/**
 * The messages of an error that belong to fields, in the order given: every field of an
 * `InvalidFields`, else the one field a domain error names, else none (the message is the whole
 * form's). The one mapping both the reply form and the newsroom's forms use.
 */
export function fieldProblems(error: Pick<PublicError, 'message' | 'field' | 'fields'>): { field: string; message: string }[] {
  return error.fields ?? (error.field ? [{ field: error.field, message: error.message }] : []);
}

/** The JSON body of an error answer: `{ error: { code, message, field? } }` (PRODUCT.md). */
export function errorBody(e: PublicError) {
  return {
    error: {
      code: e.code,
      message: e.message,
      ...(e.field ? { field: e.field } : {}),
      ...(e.fields ? { fields: e.fields } : {}),
    },
  };
}
