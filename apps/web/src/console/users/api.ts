import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiToken, IssuedToken, Page, UserRow } from '../../api/types';

export interface UserQuery {
  communeId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export function useUsers(query: UserQuery, enabled = true) {
  return useQuery({
    queryKey: ['users', query],
    queryFn: () =>
      api.get<Page<UserRow>>('/api/users', {
        communeId: query.communeId,
        q: query.q,
        page: query.page,
        pageSize: query.pageSize,
      }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export interface UserInput {
  username: string;
  fullName: string;
  email?: string;
  phone?: string;
  communeId?: string;
  unitId?: string;
  villageId?: string;
  roles: string[];
  password: string;
}

export interface UserPatch {
  fullName?: string;
  email?: string | null;
  phone?: string | null;
  unitId?: string | null;
  villageId?: string | null;
  roles?: string[];
  isActive?: boolean;
}

function useInvalidate(key: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: [key] });
    if (key === 'users') void queryClient.invalidateQueries({ queryKey: ['communes'] });
  };
}

export function useCreateUser() {
  const invalidate = useInvalidate('users');
  return useMutation({
    mutationFn: (input: UserInput) => api.post<UserRow>('/api/users', input),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidate('users');
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UserPatch }) =>
      api.patch<UserRow>(`/api/users/${encodeURIComponent(id)}`, patch),
    onSuccess: () => {
      invalidate();
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: string; newPassword: string }) =>
      api.post<void>(`/api/users/${encodeURIComponent(id)}/password`, { newPassword }),
  });
}

export function useTokens() {
  return useQuery({ queryKey: ['tokens'], queryFn: () => api.get<ApiToken[]>('/api/tokens') });
}

export interface TokenInput {
  name: string;
  scopes: string[];
  expiresInDays: number;
  /** A service account; absent: the token is the signed-in administrator's own. */
  serviceAccountId?: string;
}

export function useIssueToken() {
  const invalidate = useInvalidate('tokens');
  return useMutation({
    mutationFn: (input: TokenInput) => api.post<IssuedToken>('/api/tokens', input),
    onSuccess: invalidate,
  });
}

export interface ServiceAccountInput {
  username: string;
  fullName: string;
  communeId?: string;
  unitId?: string;
  roles: string[];
}

export function useCreateServiceAccount() {
  const invalidate = useInvalidate('users');
  return useMutation({
    mutationFn: (input: ServiceAccountInput) => api.post<UserRow>('/api/service-accounts', input),
    onSuccess: invalidate,
  });
}

export function useRevokeToken() {
  const invalidate = useInvalidate('tokens');
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/tokens/${encodeURIComponent(id)}`),
    onSuccess: invalidate,
  });
}
