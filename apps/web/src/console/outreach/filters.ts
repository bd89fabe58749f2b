import { useParam, useYearParam } from '../plans/ui';
import { useCommuneScope } from '../shared/CommunePicker';
import { useDebounced } from '../shared/useDebounced';

/** The filters the outreach tabs share, kept in the address: commune, year, search, unit. */
export function useOutreachFilters() {
  const scope = useCommuneScope();
  const [year, setYear] = useYearParam();
  const [q, setQ] = useParam('q');
  const search = useDebounced(q ?? '', 300);
  const [unitId, setUnitId] = useParam('unitId');
  return { scope, year, setYear, q, setQ, search, unitId, setUnitId };
}
export type OutreachFilters = ReturnType<typeof useOutreachFilters>;
