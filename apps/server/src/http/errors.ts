/**
 * Errors the application means to show. Each carries a code the console can
 * act on, an HTTP status, and a Vietnamese sentence for the user.
 */
import type { ErrorCode } from '@cqtt/contract/errors';

export type { ErrorCode };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Dữ liệu') =>
  new AppError('not_found', 404, `${what} không tồn tại hoặc bạn không có quyền xem.`);
/** A 404 on a citizens' page: no account is involved, so nothing about the right to see it. */
export const notFoundForCitizens = (message: string) => new AppError('not_found', 404, message);
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') =>
  new AppError('forbidden', 403, message);
export const badRequest = (message: string, details?: unknown) =>
  new AppError('validation_error', 400, message, details);
export const conflict = (message: string, details?: unknown) =>
  new AppError('conflict', 409, message, details);
export const unauthenticated = () =>
  new AppError(
    'unauthenticated',
    401,
    'Phiên đăng nhập đã hết hạn hoặc chưa đăng nhập. Vui lòng đăng nhập lại.',
  );

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** PostgreSQL errors that come from bad input rather than from a bug. */
export function fromDatabaseError(error: unknown): AppError | null {
  const e = error as { code?: string; constraint?: string; detail?: string };
  switch (e?.code) {
    case '23505':
      return conflict('Dữ liệu bị trùng với một bản ghi đã có.', { constraint: e.constraint });
    case '23503':
      return badRequest('Dữ liệu tham chiếu tới một bản ghi không tồn tại.', { constraint: e.constraint });
    case '23514':
      return badRequest('Dữ liệu không thỏa điều kiện cho phép.', { constraint: e.constraint });
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
      return badRequest('Dữ liệu có định dạng không hợp lệ.');
    default:
      return null;
  }
}
