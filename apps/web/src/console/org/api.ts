import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CommuneDetail, CommuneSummary, Unit, Village } from '../../api/types';

export const orgKeys = {
  communes: ['communes'] as const,
  commune: (id: string) => ['communes', id] as const,
  units: (communeId: string | undefined) => ['units', communeId ?? 'own'] as const,
  villages: (communeId: string | undefined) => ['villages', communeId ?? 'own'] as const,
};

export function useCommunes(enabled = true) {
  return useQuery({
    queryKey: orgKeys.communes,
    queryFn: () => api.get<CommuneSummary[]>('/api/communes'),
    enabled,
    staleTime: 60_000,
  });
}

export function useCommune(id: string | undefined) {
  return useQuery({
    queryKey: orgKeys.commune(id ?? ''),
    queryFn: () => api.get<CommuneDetail>(`/api/communes/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

/** Units of a commune; `communeId` undefined means the caller's own commune. */
export function useUnits(communeId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: orgKeys.units(communeId),
    queryFn: () => api.get<Unit[]>('/api/units', { communeId }),
    enabled,
  });
}

export function useVillages(communeId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: orgKeys.villages(communeId),
    queryFn: () => api.get<Village[]>('/api/villages', { communeId }),
    enabled,
  });
}

export interface UnitInput {
  communeId?: string;
  code: string;
  name: string;
  description?: string;
}

export type UnitPatch = Partial<Pick<Unit, 'name' | 'description' | 'isActive'>>;

export interface VillageInput {
  communeId?: string;
  name: string;
  headName?: string;
  households?: number;
}

export type VillagePatch = Partial<Pick<Village, 'name' | 'headName' | 'households' | 'isActive'>>;

function useInvalidateOrg() {
  const queryClient = useQueryClient();
  return (kind: 'units' | 'villages') => {
    void queryClient.invalidateQueries({ queryKey: [kind] });
    void queryClient.invalidateQueries({ queryKey: orgKeys.communes });
  };
}

export function useCreateUnit() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: (input: UnitInput) => api.post<Unit>('/api/units', input),
    onSuccess: () => invalidate('units'),
  });
}

export function useUpdateUnit() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UnitPatch }) =>
      api.patch<Unit>(`/api/units/${encodeURIComponent(id)}`, patch),
    onSuccess: () => invalidate('units'),
  });
}

export function useCreateVillage() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: (input: VillageInput) => api.post<Village>('/api/villages', input),
    onSuccess: () => invalidate('villages'),
  });
}

export function useUpdateVillage() {
  const invalidate = useInvalidateOrg();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: VillagePatch }) =>
      api.patch<Village>(`/api/villages/${encodeURIComponent(id)}`, patch),
    onSuccess: () => invalidate('villages'),
  });
}
