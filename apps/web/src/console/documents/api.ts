/** Types and calls of the documents API (docs/contracts/documents-api.md). */
import type { DocumentKind, DocumentStatus } from '@cqtt/domain/documents/documents';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from '../../api/client';

export type { DocumentKind, DocumentStatus };

export interface DocumentSection {
  key: string;
  label: string;
  hint: string;
  text: string;
}

export interface OfficialDocument {
  id: string;
  communeId: string;
  kind: DocumentKind;
  kindLabel: string;
  type: string | null;
  year: number;
  status: DocumentStatus;
  statusLabel: string;
  symbol: string;
  number: number | null;
  fullNumber: string | null;
  registerYear: number | null;
  issuedOn: string | null;
  subject: string;
  recordId: string | null;
  sections: DocumentSection[];
  recipients: string[];
  signerName: string | null;
  signerTitle: string | null;
  sha256: string | null;
  replaces: { id: string; fullNumber: string | null; issuedOn: string | null } | null;
  replacedBy: string | null;
  createdBy: string;
  issuedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Issued {
  id: string;
  number: number;
  fullNumber: string;
  symbol: string;
  issuedOn: string;
  sha256: string;
}

export interface RegisterFilter {
  year: number;
  kind?: DocumentKind;
  status?: DocumentStatus;
  q?: string;
}

const enc = encodeURIComponent;

export const documentKeys = {
  all: ['documents'] as const,
  list: (f: RegisterFilter) =>
    ['documents', 'list', f.year, f.kind ?? '', f.status ?? '', f.q ?? ''] as const,
  one: (id: string) => ['documents', 'one', id] as const,
};

export function useDocuments(filter: RegisterFilter) {
  return useQuery({
    queryKey: documentKeys.list(filter),
    queryFn: () => api.get<OfficialDocument[]>('/api/documents', { ...filter }),
    placeholderData: keepPreviousData,
  });
}

export function useDocument(id: string | undefined) {
  return useQuery({
    queryKey: documentKeys.one(id ?? ''),
    queryFn: () => api.get<OfficialDocument>(`/api/documents/${enc(id ?? '')}`),
    enabled: Boolean(id),
  });
}

/** Everything a document touches: the register, the reports that show it, the tasks it fulfils. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: documentKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['reports'] });
    void queryClient.invalidateQueries({ queryKey: ['occurrences'] });
    void queryClient.invalidateQueries({ queryKey: ['plan-summary'] });
    void queryClient.invalidateQueries({ queryKey: ['plans'] });
  };
}

export interface DraftInput {
  kind: DocumentKind;
  year: number;
  recordId?: string;
  replacesId?: string;
}

export function useCreateDocument() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: DraftInput) =>
      api.post<{ id: string; status: DocumentStatus }>('/api/documents', input),
    onSuccess: invalidate,
  });
}

export function useUpdateDocument() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      subject?: string;
      sections?: Record<string, string>;
      recipients?: string[];
    }) => api.patch<OfficialDocument>(`/api/documents/${enc(id)}`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteDocument() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/documents/${enc(id)}`),
    onSuccess: invalidate,
  });
}

export function useIssueDocument() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; signerName: string; signerTitle: string }) =>
      api.post<Issued>(`/api/documents/${enc(id)}/issue`, body),
    onSuccess: invalidate,
  });
}

export function downloadDocument(doc: Pick<OfficialDocument, 'id' | 'kindLabel'>) {
  return downloadFile(`/api/documents/${enc(doc.id)}/file`, undefined, `${doc.kindLabel}.docx`);
}

export function downloadRegister(filter: RegisterFilter) {
  return downloadFile('/api/documents/export.xlsx', { ...filter }, `So van ban di ${filter.year}.xlsx`);
}
