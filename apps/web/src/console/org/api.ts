import { communes, units, villages } from '@cqtt/contract/org';
import { useCall } from '../../api/queries';

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
