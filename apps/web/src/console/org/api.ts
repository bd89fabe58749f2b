import { communes, units, villages } from '@cqtt/contract/org';
import { useCall, useSend } from '../../api/queries';

/** The commune and its reference lists, through the typed client (packages/contract/src/org.ts). */

export function useCommunes(enabled = true) {
  return useCall(communes.list, {}, { enabled, staleTime: 60_000 });
}

export function useCommune(id: string | undefined) {
  return useCall(communes.get, { params: { id: id ?? '' } }, { enabled: Boolean(id) });
}

/** Units of a commune; `communeId` undefined means the caller's own commune. */
export function useUnits(communeId: string | undefined, enabled = true) {
  return useCall(units.list, { query: { communeId } }, { enabled });
}

export function useVillages(communeId: string | undefined, enabled = true) {
  return useCall(villages.list, { query: { communeId } }, { enabled });
}

// a unit or a village changes the commune's counts too
export const useCreateUnit = () => useSend(units.create, { invalidates: [units.list, communes.list] });
export const useUpdateUnit = () => useSend(units.update, { invalidates: [units.list, communes.list] });
export const useCreateVillage = () =>
  useSend(villages.create, { invalidates: [villages.list, communes.list] });
export const useUpdateVillage = () =>
  useSend(villages.update, { invalidates: [villages.list, communes.list] });
