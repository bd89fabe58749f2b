import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from '../../api/client';

const enc = encodeURIComponent;
type Ref = { id: string; name: string };
type FileRef = { id: string; name: string; size: number; mime: string };

export interface Activity {
  id: string;
  kind: string;
  kindLabel: string;
  title: string;
  heldOn: string;
  place: string;
  village: Ref | null;
  unit: { id: string; code: string; name: string } | null;
  audience: number | null;
  content: string;
  documents: Array<{ id: string; number: string; title: string }>;
  files: FileRef[];
  links: string[];
  isPublic: boolean;
  createdBy: { id: string; fullName: string } | null;
}

export interface LibraryDocument {
  id: string;
  number: string;
  issuedOn: string | null;
  issuer: string;
  title: string;
  summary: string;
  file: FileRef | null;
}

export interface GoodExample {
  id: string;
  kind: 'good' | 'shortcoming';
  kindLabel: string;
  year: number;
  subject: string;
  unit: { id: string; name: string } | null;
  village: Ref | null;
  title: string;
  content: string;
  files: FileRef[];
  links: string[];
}

export interface Coverage {
  year: number;
  villages: Array<{ villageId: string; name: string; activities: number; audience: number; kinds: string[] }>;
  channels: Array<{ kind: string; label: string; activities: number; audience: number }>;
  activeVillages: number;
  coveredVillages: number;
  share: number | null;
  activities: number;
  audience: number;
}

const clean = (q: Query) =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== ''));

export const useActivities = (filter: Query, enabled = true) =>
  useQuery({
    queryKey: ['outreach-activities', clean(filter)],
    queryFn: () => api.get<Activity[]>('/api/outreach-activities', clean(filter)),
    enabled,
    placeholderData: keepPreviousData,
  });
export const useCoverage = (filter: Query, enabled = true) =>
  useQuery({
    queryKey: ['outreach-coverage', clean(filter)],
    queryFn: () => api.get<Coverage>('/api/outreach-coverage', clean(filter)),
    enabled,
  });
export const useDocuments = (filter: Query, enabled = true) =>
  useQuery({
    queryKey: ['outreach-documents', clean(filter)],
    queryFn: () => api.get<LibraryDocument[]>('/api/outreach-documents', clean(filter)),
    enabled,
    placeholderData: keepPreviousData,
  });
export const useExamples = (filter: Query, enabled = true) =>
  useQuery({
    queryKey: ['good-examples', clean(filter)],
    queryFn: () => api.get<GoodExample[]>('/api/good-examples', clean(filter)),
    enabled,
    placeholderData: keepPreviousData,
  });

function useWrite<V, R>(send: (v: V) => Promise<R>, keys: string[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => {
      for (const key of keys) void client.invalidateQueries({ queryKey: [key] });
    },
  });
}

const ACTIVITY_KEYS = ['outreach-activities', 'outreach-coverage'];
export const useSaveActivity = () =>
  useWrite(
    ({ id, ...body }: Record<string, unknown> & { id?: string }) =>
      id
        ? api.patch<Activity>(`/api/outreach-activities/${enc(id)}`, body)
        : api.post<Activity>('/api/outreach-activities', body),
    ACTIVITY_KEYS,
  );
export const useDeleteActivity = () =>
  useWrite((id: string) => api.delete(`/api/outreach-activities/${enc(id)}`), ACTIVITY_KEYS);
export const useSaveDocument = () =>
  useWrite(
    ({ id, ...body }: Record<string, unknown> & { id?: string }) =>
      id
        ? api.patch<LibraryDocument>(`/api/outreach-documents/${enc(id)}`, body)
        : api.post<LibraryDocument>('/api/outreach-documents', body),
    ['outreach-documents'],
  );
export const useDeleteDocument = () =>
  useWrite((id: string) => api.delete(`/api/outreach-documents/${enc(id)}`), ['outreach-documents']);
export const useSaveExample = () =>
  useWrite(
    ({ id, ...body }: Record<string, unknown> & { id?: string }) =>
      id
        ? api.patch<GoodExample>(`/api/good-examples/${enc(id)}`, body)
        : api.post<GoodExample>('/api/good-examples', body),
    ['good-examples'],
  );
export const useDeleteExample = () =>
  useWrite((id: string) => api.delete(`/api/good-examples/${enc(id)}`), ['good-examples']);
