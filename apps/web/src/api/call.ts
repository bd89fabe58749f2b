import {
  type AnyEndpoint,
  type Empty,
  type EndpointInput,
  type EndpointOutput,
  pathOf,
} from '@cqtt/contract/endpoint';
import { downloadFile, type Query, type RequestOptions, request } from './client';

/**
 * The console's one way to the API: an endpoint of the contract (packages/contract) and its
 * input. The address, the method and the types all come from the endpoint, so the console
 * holds no URL and no hand-written response type, and a change of a response shape on the
 * server fails the console's type check. Errors are ApiError (the contract's envelope).
 */
export type CallInput<E extends AnyEndpoint> = EndpointInput<E>;

/** The input is optional when the endpoint needs none (no params, no body, no required query). */
type InputArgs<E extends AnyEndpoint> =
  Empty extends EndpointInput<E>
    ? [input?: EndpointInput<E>, options?: CallOptions]
    : [input: EndpointInput<E>, options?: CallOptions];

export type CallOptions = Pick<RequestOptions, 'noAuthRedirect' | 'signal'>;

interface LooseInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

export function addressOf<E extends AnyEndpoint>(endpoint: E, input?: EndpointInput<E>): string {
  return pathOf(endpoint.url, (input as LooseInput | undefined)?.params);
}

export function call<E extends AnyEndpoint>(endpoint: E, ...[input, options]: InputArgs<E>) {
  const loose = input as LooseInput | undefined;
  const body = loose?.body ?? (endpoint.method === 'POST' || endpoint.method === 'PUT' ? {} : undefined);
  return request<EndpointOutput<E>>(endpoint.method, addressOf(endpoint, input), {
    ...options,
    query: loose?.query as Query | undefined,
    body,
  });
}

/** Saves the file an endpoint answers (an XLSX or DOCX export) under the server's name for it. */
export function download<E extends AnyEndpoint & { file: true }>(
  endpoint: E,
  input: EndpointInput<E>,
  fallbackName: string,
): Promise<void> {
  return downloadFile(addressOf(endpoint, input), (input as LooseInput).query as Query, fallbackName);
}
