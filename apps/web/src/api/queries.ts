import type { AnyEndpoint, EndpointInput, EndpointOutput } from '@cqtt/contract/endpoint';
import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { type CallInput, call } from './call';
import type { ApiError } from './client';

/**
 * TanStack Query on the typed client. A query's key is the endpoint's address in segments,
 * then its input: `/api/rewards` with a filter is `['rewards', {…}]`, `/api/rewards/:id` is
 * `['rewards', ':id', {…}]`. Invalidating an endpoint invalidates its key as a prefix, so a
 * write that invalidates a list refreshes the list's pages and its records' details too.
 */
export function keyOf(endpoint: AnyEndpoint, input?: unknown): unknown[] {
  const segments = endpoint.url.replace(/^\/api\//, '').split('/');
  return input === undefined ? segments : [...segments, input];
}

/** Drop empty filters, so '' and undefined ask the same query (and share a cache entry). */
function cleanQuery(input: unknown): unknown {
  const query = (input as { query?: Record<string, unknown> } | undefined)?.query;
  if (!query) return input;
  const clean = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
  return { ...(input as object), query: clean };
}

export interface UseCallOptions {
  enabled?: boolean;
  /** Keep showing the previous answer while a new filter or page loads (tables). */
  keepPrevious?: boolean;
  staleTime?: number;
}

/** Reads an endpoint (GET). */
export function useCall<E extends AnyEndpoint>(
  endpoint: E,
  input: EndpointInput<E>,
  options: UseCallOptions = {},
) {
  const clean = cleanQuery(input) as EndpointInput<E>;
  return useQuery<EndpointOutput<E>, ApiError>({
    queryKey: keyOf(endpoint, clean ?? {}),
    queryFn: ({ signal }) => (call as CallAny)(endpoint, clean, { signal }) as Promise<EndpointOutput<E>>,
    enabled: options.enabled ?? true,
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...(options.staleTime !== undefined ? { staleTime: options.staleTime } : {}),
  });
}

type CallAny = (
  endpoint: AnyEndpoint,
  input: unknown,
  options?: { signal?: AbortSignal },
) => Promise<unknown>;

export function invalidate(client: QueryClient, endpoints: readonly AnyEndpoint[]) {
  for (const endpoint of endpoints) void client.invalidateQueries({ queryKey: keyOf(endpoint) });
}

/**
 * Writes through an endpoint (POST, PATCH, PUT, DELETE); on success refreshes the endpoints
 * named in `invalidates` (the lists and figures the write changes).
 */
export function useSend<E extends AnyEndpoint>(
  endpoint: E,
  options: { invalidates?: readonly AnyEndpoint[] } = {},
) {
  const client = useQueryClient();
  return useMutation<EndpointOutput<E>, ApiError, CallInput<E>>({
    mutationFn: (input) => (call as CallAny)(endpoint, input) as Promise<EndpointOutput<E>>,
    onSuccess: () => invalidate(client, options.invalidates ?? [endpoint]),
  });
}
