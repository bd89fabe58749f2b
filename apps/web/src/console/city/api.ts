import * as city from '@cqtt/contract/city';
import { download } from '../../api/call';
import { useCall, useSend } from '../../api/queries';

/** The city's workspace through the typed client (packages/contract/src/city.ts). */

export function useCommunesView(
  query: import('@cqtt/contract/endpoint').EndpointQuery<typeof city.communes>,
) {
  return useCall(city.communes, { query }, { keepPrevious: true });
}
export const useCityHome = (year: number) => useCall(city.home, { query: { year } });
export const useCityCommune = (id: string | undefined, year: number) =>
  useCall(city.commune, { params: { id: id ?? '' }, query: { year } }, { enabled: Boolean(id) });
export const useAppraisals = (
  query: import('@cqtt/contract/endpoint').EndpointQuery<typeof city.appraisals>,
) => useCall(city.appraisals, { query }, { keepPrevious: true });
export const useRounds = (id: string) => useCall(city.rounds, { params: { id } });
export const useCityYear = (year: number) => useCall(city.cityYear.get, { params: { year } });

// a return or a resubmission changes the file, the queue, the views and the rounds
const fileChanges = [city.rounds, city.appraisals, city.communes, city.home];
export const useReturnAssessment = () => useSend(city.returnAssessment, { invalidates: fileChanges });
export const useResubmit = () => useSend(city.resubmit, { invalidates: fileChanges });
export const useSaveCityYear = () =>
  useSend(city.cityYear.save, { invalidates: [city.cityYear.get, city.home] });

export function downloadCommunes(
  query: import('@cqtt/contract/endpoint').EndpointQuery<typeof city.communesXlsx>,
) {
  return download(city.communesXlsx, { query }, 'cac-xa.xlsx');
}
export function downloadReport(year: number) {
  return download(city.reportDocx, { query: { year } }, `bao-cao-tong-hop-${year}.docx`);
}
