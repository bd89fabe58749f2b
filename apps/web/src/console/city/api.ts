import * as city from '@cqtt/contract/city';
import { addressOf, download } from '../../api/call';
import { request } from '../../api/client';
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
export const useIndices = (year: number) => useCall(city.indices.list, { query: { year } });

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
export function downloadTemplate(year: number) {
  return download(city.indices.template, { query: { year } }, `mau-chi-so-${year}.xlsx`);
}
/** Sends the filled template (multipart, field "file"); the server stores all rows or none. */
export function importIndices(file: File) {
  const form = new FormData();
  form.append('file', file);
  return request<import('@cqtt/contract/endpoint').EndpointOutput<typeof city.indices.import>>(
    city.indices.import.method,
    addressOf(city.indices.import),
    { body: form },
  );
}
