import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../api/client';

export type FeedbackStatus =
  | 'received'
  | 'accepted'
  | 'rejected'
  | 'merged'
  | 'routed_out'
  | 'assigned'
  | 'drafted'
  | 'approved'
  | 'published'
  | 'rated';
export type FeedbackAction =
  | 'accept'
  | 'reject'
  | 'merge'
  | 'route_out'
  | 'assign'
  | 'draft'
  | 'return'
  | 'approve'
  | 'publish';

export interface FeedbackItem {
  id: string;
  kind: 'feedback' | 'difficulty';
  trackingCode: string | null;
  source: 'web' | 'open311' | 'unit' | 'village';
  category: { id: string; code: string; name: string } | null;
  content: string;
  address: string;
  lat: number | null;
  lng: number | null;
  contact: { name: string; phone: string; email: string } | null;
  allowPublish: boolean;
  status: FeedbackStatus;
  statusLabel: string;
  receivedOn: string;
  deadline: string;
  overdue: boolean;
  workingDaysLeft: number | null;
  onTime: boolean | null;
  unit: { id: string; name: string } | null;
  /** The village whose head reported a difficulty. */
  village: { id: string; name: string } | null;
  answer: string;
  answeredOn: string | null;
  rating: 'satisfied' | 'unsatisfied' | null;
  difficultyId: string | null;
  createdAt: string;
}

export interface FeedbackDetail extends FeedbackItem {
  decisionNote: string;
  mergedInto: { id: string; trackingCode: string | null } | null;
  duplicates: { id: string; trackingCode: string | null }[];
  task: { id: string; planId: string; year: number; number: number; content: string } | null;
  files: { id: string; name: string; size: number; mime: string }[];
  filesWithheld: number;
  history: {
    action: string;
    status: FeedbackStatus;
    note: string;
    at: string;
    actor: { id: string; fullName: string } | null;
  }[];
  actions: FeedbackAction[];
}

export interface FeedbackPage {
  items: FeedbackItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface FeedbackFilter {
  communeId?: string;
  kind?: 'feedback' | 'difficulty';
  status?: string;
  categoryId?: string;
  unitId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface FeedbackStats {
  year: number;
  byStatus: { kind: string; status: FeedbackStatus; count: number }[];
  overdue: number;
  measures: {
    key: string;
    name: string;
    value: number | null;
    figures: { label: string; value: number | string }[];
  }[];
}

export interface Category {
  id: string;
  code: string;
  name: string;
  deadlineDays: number;
  isActive: boolean;
}

const enc = encodeURIComponent;

export function useFeedbackQueue(filter: FeedbackFilter, enabled = true) {
  return useQuery({
    queryKey: ['feedback', 'queue', filter],
    queryFn: () => api.get<FeedbackPage>('/api/feedback', { ...filter }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useFeedbackItem(id: string | undefined) {
  return useQuery({
    queryKey: ['feedback', 'item', id],
    queryFn: () => api.get<FeedbackDetail>(`/api/feedback/${enc(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export function useFeedbackStats(communeId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['feedback', 'stats', communeId ?? 'own'],
    queryFn: () => api.get<FeedbackStats>('/api/feedback/stats', { communeId }),
    enabled,
  });
}

export function useFeedbackCategories(communeId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['feedback', 'categories', communeId ?? 'own'],
    queryFn: () => api.get<Category[]>('/api/feedback-categories', { communeId }),
    enabled,
    staleTime: 60_000,
  });
}

const PATHS: Record<FeedbackAction, string> = {
  accept: 'accept',
  reject: 'reject',
  merge: 'merge',
  route_out: 'route-out',
  assign: 'assign',
  draft: 'draft',
  return: 'return',
  approve: 'approve',
  publish: 'publish',
};

export function useFeedbackAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: FeedbackAction; body: Record<string, unknown> }) =>
      api.post<FeedbackDetail>(`/api/feedback/${enc(id)}/${PATHS[action]}`, body),
    onSuccess: (detail) => {
      queryClient.setQueryData(['feedback', 'item', id], detail);
      void queryClient.invalidateQueries({ queryKey: ['feedback', 'queue'] });
      void queryClient.invalidateQueries({ queryKey: ['feedback', 'stats'] });
    },
  });
}

export interface Holiday {
  day: string;
  name: string;
  scope: 'city' | 'commune';
}

export function useHolidays(communeId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['feedback', 'holidays', communeId ?? 'own'],
    queryFn: () => api.get<Holiday[]>('/api/holidays', { communeId }),
    enabled,
  });
}

export function useSaveHolidays() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (days: { day: string; name: string }[]) =>
      request('PUT', '/api/holidays', { body: { days } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['feedback', 'holidays'] }),
  });
}

export function useSaveCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: Partial<Category> & { code?: string; name?: string; deadlineDays?: number }) =>
      id
        ? api.patch<Category>(`/api/feedback-categories/${enc(id)}`, body)
        : api.post<Category>('/api/feedback-categories', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['feedback', 'categories'] }),
  });
}

/** A unit's difficulty is answered where the plan keeps it; its queue item follows. */
export function useAnswerQueuedDifficulty(itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ difficultyId, answer }: { difficultyId: string; answer: string }) =>
      api.post(`/api/difficulties/${enc(difficultyId)}/answer`, { answer }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['feedback', 'item', itemId] });
      void queryClient.invalidateQueries({ queryKey: ['feedback', 'queue'] });
      void queryClient.invalidateQueries({ queryKey: ['difficulties'] });
    },
  });
}
