/**
 * The citizens' pages talk to /api/public/... only: no session, no CSRF, no console code.
 * Errors carry the server's Vietnamese sentence, or one of ours when the network fails.
 */
export class PublicApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'PublicApiError';
  }
}

const OFFLINE = 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.';
const FALLBACK: Record<number, string> = {
  404: 'Không tìm thấy thông tin được yêu cầu.',
  413: 'Dữ liệu gửi lên quá lớn.',
  429: 'Ông/bà đã gửi quá nhiều lần. Vui lòng thử lại sau ít phút.',
};

export function publicErrorMessage(err: unknown): string {
  if (err instanceof PublicApiError) return err.message;
  return OFFLINE;
}

export async function publicRequest<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json' }, signal };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new PublicApiError(0, 'network_error', OFFLINE);
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
      ?.error;
    throw new PublicApiError(
      res.status,
      error?.code ?? `http_${res.status}`,
      error?.message ??
        FALLBACK[res.status] ??
        (res.status >= 500 ? 'Hệ thống đang bận, vui lòng thử lại sau.' : 'Yêu cầu không hợp lệ.'),
      error?.details,
    );
  }
  return data as T;
}

export const publicGet = <T>(path: string, signal?: AbortSignal) =>
  publicRequest<T>('GET', path, undefined, signal);
export const publicPost = <T>(path: string, body: unknown) => publicRequest<T>('POST', path, body);
