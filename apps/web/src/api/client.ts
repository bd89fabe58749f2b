import { type ErrorBody, type ErrorCode, type FieldProblem, fieldProblemsOf } from '@cqtt/contract/errors';
import i18n from '../i18n';
import { reportReconnecting } from './connection';

/** One item of the `details` array the server sends with validation errors. */
export type ApiErrorDetail = FieldProblem;

/** What an ApiError's code may be: one of the contract's, or ours for a failed network or an unknown answer. */
export type ApiErrorCode = ErrorCode | 'network_error' | `http_${number}`;

/** An error answered by the API (the contract's envelope, `ErrorBody`) or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly details: unknown;

  constructor(status: number, code: ApiErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Validation details as `[{path, message}]`, or an empty list when the server sent something else. */
  get fieldErrors(): ApiErrorDetail[] {
    return fieldProblemsOf(this.details);
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** The Vietnamese (or current language) message to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return i18n.t('errors.unexpected');
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** Remember the CSRF token from the last /api/me or login answer. */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

/** Called when any call (except those made with `noAuthRedirect`) is answered 401. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not run the 401 handler (the login call, and the session probe). */
  noAuthRedirect?: boolean;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readBody(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined;
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function fallbackMessage(status: number, code: string): string {
  const key = `errors.codes.${code}`;
  if (i18n.exists(key)) return i18n.t(key);
  if (status === 401) return i18n.t('errors.unauthorized');
  if (status === 403) return i18n.t('errors.forbidden');
  if (status === 404) return i18n.t('errors.notFound');
  if (status === 409) return i18n.t('errors.conflict');
  if (status === 429) return i18n.t('errors.tooManyRequests');
  if (status >= 500) return i18n.t('errors.server');
  return i18n.t('errors.unexpected');
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object';
}

function toApiError(status: number, body: unknown): ApiError {
  const envelope: Partial<ErrorBody['error']> | undefined = isErrorBody(body) ? body.error : undefined;
  const code = (typeof envelope?.code === 'string' ? envelope.code : `http_${status}`) as ApiErrorCode;
  // The server speaks Vietnamese; in another language use our own text for the codes we know.
  const translated = i18n.language !== 'vi' && i18n.exists(`errors.codes.${code}`);
  const message =
    !translated && typeof envelope?.message === 'string' && envelope.message.trim() !== ''
      ? envelope.message
      : fallbackMessage(status, code);
  return new ApiError(status, code, message, envelope?.details);
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(method, path, options);
  } catch (err) {
    // The CSRF token may be stale (the session was renewed in another tab): fetch a fresh one and retry once.
    if (err instanceof ApiError && err.code === 'csrf_invalid' && method !== 'GET') {
      await send('GET', '/api/me', { signal: options.signal });
      return send<T>(method, path, options);
    }
    throw err;
  }
}

async function send<T>(method: string, path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | FormData | undefined;
  if (options.body instanceof FormData) {
    // multipart: the browser writes the content type with its boundary
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', i18n.t('errors.network'));
  }

  const data = await readBody(res);
  if (!res.ok) {
    const error = toApiError(res.status, data);
    if (res.status === 401 && !options.noAuthRedirect) onUnauthorized?.();
    if (error.code === 'reconnecting') reportReconnecting();
    throw error;
  }
  if (data && typeof data === 'object' && 'csrfToken' in data) {
    const token = (data as { csrfToken?: unknown }).csrfToken;
    if (typeof token === 'string') setCsrfToken(token);
  }
  return data as T;
}

/** The file name a `Content-Disposition` header gives (RFC 6266 `filename*` first), if any. */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || null;
}

/**
 * Download a file the API produces (exports, evidence) and hand it to the browser, so that a
 * refusal shows the server's message instead of a JSON page.
 */
export async function downloadFile(path: string, query?: Query, fallbackName = 'tai-lieu'): Promise<void> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network_error', i18n.t('errors.network'));
  }
  if (!res.ok) {
    const error = toApiError(res.status, await readBody(res));
    if (res.status === 401) onUnauthorized?.();
    if (error.code === 'reconnecting') reportReconnecting();
    throw error;
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = dispositionFileName(res.headers.get('content-disposition')) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const api = {
  get: <T>(path: string, query?: Query, options?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...options, query }),
  post: <T = void>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('DELETE', path, options),
  /** POST a multipart form (file uploads). */
  upload: <T>(path: string, form: FormData, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body: form }),
};
