import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext } from 'react';
import { ApiError, api, setCsrfToken } from '../../api/client';
import type { Me } from '../../api/types';

export const ME_KEY = ['me'] as const;

/** The current session, or null when nobody is logged in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/me', undefined, { noAuthRedirect: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });
}

export const SessionContext = createContext<Me | null>(null);

/** The logged-in user; only inside the authenticated part of the console. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside an authenticated route');
  return me;
}

export function login(username: string, password: string): Promise<Me> {
  return api.post<Me>('/api/auth/login', { username, password }, { noAuthRedirect: true });
}

export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    try {
      await api.post('/api/auth/logout', undefined, { noAuthRedirect: true });
    } catch {
      // the session is gone on the client either way
    }
    setCsrfToken(null);
    queryClient.clear();
    queryClient.setQueryData(ME_KEY, null);
  }, [queryClient]);
}
