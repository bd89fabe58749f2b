/**
 * The error envelope every 4xx and 5xx answer carries:
 * `{"error": {"code", "message", "details"}}`. The code is for programs, the message is the
 * Vietnamese sentence for the user, details (for validation errors) point at fields.
 */
export const ERROR_CODES = [
  'validation_error',
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'invalid_credentials',
  'account_locked',
  'too_many_attempts',
  'rate_limited',
  'forbidden',
  'csrf_invalid',
  'insufficient_scope',
  'password_change_required',
  'session_ended',
  'not_found',
  'conflict',
  'read_only',
  'reconnecting',
  'draining',
  'internal_error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem of a refused input: the field it concerns (`title`, `lines.0.amount`) and why. */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode | (string & {}); message: string; details?: unknown };
}

/** The field problems of an error's details, or none when the details are something else. */
export function fieldProblemsOf(details: unknown): FieldProblem[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is FieldProblem =>
      typeof d === 'object' &&
      d !== null &&
      typeof (d as FieldProblem).path === 'string' &&
      typeof (d as FieldProblem).message === 'string',
  );
}
