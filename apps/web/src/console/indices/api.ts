import * as indices from '@cqtt/contract/indices';
import { addressOf, download } from '../../api/call';
import { request } from '../../api/client';
import { useCall, useSend } from '../../api/queries';

/**
 * The official SIPAS and PAR INDEX results through the typed client (packages/contract/src/indices.ts):
 * the one owner of these results (decision 0031), used by the indices page and the city's settings.
 */

export type OfficialIndex = import('@cqtt/contract/indices').OfficialIndex;

export const useIndices = (query: import('@cqtt/contract/endpoint').EndpointQuery<typeof indices.list>) =>
  useCall(indices.list, { query });
export const useSaveIndex = () => useSend(indices.save, { invalidates: [indices.list] });
export const useDeleteIndex = () => useSend(indices.remove, { invalidates: [indices.list] });

export function downloadTemplate(year: number) {
  return download(indices.template, { query: { year } }, `mau-chi-so-${year}.xlsx`);
}

/** Sends the filled template (multipart, field "file"); the server stores all rows or none. */
export function importIndices(file: File) {
  const form = new FormData();
  form.append('file', file);
  return request<import('@cqtt/contract/endpoint').EndpointOutput<typeof indices.importXlsx>>(
    indices.importXlsx.method,
    addressOf(indices.importXlsx),
    { body: form },
  );
}
