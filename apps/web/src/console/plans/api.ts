import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  Difficulty,
  NotificationList,
  Occurrence,
  OccurrenceStatus,
  Plan,
  PlanInput,
  PlanSummary,
  PlanSummaryReport,
  ProgressNote,
  StoredFile,
  Task,
  TaskInput,
} from './types';

const enc = encodeURIComponent;

export const planKeys = {
  plans: (communeId: string | undefined) => ['plans', communeId ?? 'own'] as const,
  plan: (id: string) => ['plan', id] as const,
  planOccurrences: (planId: string, year: number, unitId?: string, status?: string) =>
    ['occurrences', 'plan', planId, year, unitId ?? '', status ?? ''] as const,
  mine: (year: number) => ['occurrences', 'mine', year] as const,
  summary: (planId: string, year: number) => ['plan-summary', planId, year] as const,
  notes: (taskId: string, year: number) => ['notes', taskId, year] as const,
  difficulties: ['difficulties'] as const,
  notifications: ['notifications'] as const,
};

/** Plans of a commune; `communeId` undefined means the caller's own commune. */
export function usePlans(communeId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: planKeys.plans(communeId),
    queryFn: () => api.get<PlanSummary[]>('/api/plans', { communeId }),
    enabled,
    staleTime: 60_000,
  });
}

export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: planKeys.plan(id ?? ''),
    queryFn: () => api.get<Plan>(`/api/plans/${enc(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export interface OccurrenceFilter {
  unitId?: string;
  status?: OccurrenceStatus;
}

export function usePlanOccurrences(
  planId: string | undefined,
  year: number,
  filter: OccurrenceFilter = {},
  enabled = true,
) {
  return useQuery({
    queryKey: planKeys.planOccurrences(planId ?? '', year, filter.unitId, filter.status),
    queryFn: () =>
      api.get<Occurrence[]>(`/api/plans/${enc(planId ?? '')}/occurrences`, {
        year,
        unitId: filter.unitId,
        status: filter.status,
      }),
    enabled: enabled && Boolean(planId),
    placeholderData: keepPreviousData,
  });
}

export function useMyOccurrences(year: number, enabled = true) {
  return useQuery({
    queryKey: planKeys.mine(year),
    queryFn: () => api.get<Occurrence[]>('/api/occurrences/mine', { year }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function usePlanSummary(planId: string | undefined, year: number) {
  return useQuery({
    queryKey: planKeys.summary(planId ?? '', year),
    queryFn: () => api.get<PlanSummaryReport>(`/api/plans/${enc(planId ?? '')}/summary`, { year }),
    enabled: Boolean(planId),
    placeholderData: keepPreviousData,
  });
}

export function useNotes(taskId: string | undefined, year: number) {
  return useQuery({
    queryKey: planKeys.notes(taskId ?? '', year),
    queryFn: () => api.get<ProgressNote[]>(`/api/tasks/${enc(taskId ?? '')}/notes`, { year }),
    enabled: Boolean(taskId),
  });
}

export interface DifficultyQuery {
  communeId?: string;
  year?: number;
  planId?: string;
  answered?: boolean;
}

export function useDifficulties(query: DifficultyQuery, enabled = true) {
  return useQuery({
    queryKey: [...planKeys.difficulties, query],
    queryFn: () =>
      api.get<Difficulty[]>('/api/difficulties', {
        communeId: query.communeId,
        year: query.year,
        planId: query.planId,
        answered: query.answered,
      }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Everything a change of progress can move: lists, the summary, the notes, the difficulties. */
function useInvalidateProgress() {
  const queryClient = useQueryClient();
  return (taskId?: string) => {
    void queryClient.invalidateQueries({ queryKey: ['occurrences'] });
    void queryClient.invalidateQueries({ queryKey: ['plan-summary'] });
    if (taskId) void queryClient.invalidateQueries({ queryKey: ['notes', taskId] });
  };
}

export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PlanInput) => api.post<Plan>('/api/plans', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['plans'] }),
  });
}

export function useUpdatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: PlanInput }) =>
      api.patch<Plan>(`/api/plans/${enc(id)}`, patch),
    onSuccess: (plan) => {
      queryClient.setQueryData(planKeys.plan(plan.id), plan);
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      void queryClient.invalidateQueries({ queryKey: ['plan', plan.id] });
    },
  });
}

function useInvalidateTasks() {
  const queryClient = useQueryClient();
  const progress = useInvalidateProgress();
  return (task: Task) => {
    void queryClient.invalidateQueries({ queryKey: ['plan', task.planId] });
    progress();
  };
}

export function useCreateTask() {
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: (input: TaskInput) => api.post<Task>('/api/tasks', input),
    onSuccess: invalidate,
  });
}

export function useUpdateTask() {
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TaskInput }) =>
      api.patch<Task>(`/api/tasks/${enc(id)}`, patch),
    onSuccess: invalidate,
  });
}

export interface NoteInput {
  taskId: string;
  year: number;
  note: string;
  progress?: number;
  fileIds?: string[];
}

export function useAddNote() {
  const invalidate = useInvalidateProgress();
  return useMutation({
    mutationFn: ({ taskId, ...body }: NoteInput) =>
      api.post<ProgressNote>(`/api/tasks/${enc(taskId)}/notes`, body),
    onSuccess: (_, input) => invalidate(input.taskId),
  });
}

export function useCompleteOccurrence() {
  const invalidate = useInvalidateProgress();
  return useMutation({
    mutationFn: ({ taskId, year, completedOn }: { taskId: string; year: number; completedOn?: string }) =>
      api.post<Occurrence>(`/api/tasks/${enc(taskId)}/complete`, { year, completedOn }),
    onSuccess: (_, input) => invalidate(input.taskId),
  });
}

export function useReopenOccurrence() {
  const invalidate = useInvalidateProgress();
  return useMutation({
    mutationFn: ({ taskId, year }: { taskId: string; year: number }) =>
      api.post<Occurrence>(`/api/tasks/${enc(taskId)}/reopen`, { year }),
    onSuccess: (_, input) => invalidate(input.taskId),
  });
}

export function useOverrideOccurrence() {
  const invalidate = useInvalidateProgress();
  return useMutation({
    mutationFn: ({
      taskId,
      ...body
    }: {
      taskId: string;
      year: number;
      state: 'done' | 'open' | 'auto';
      completedOn?: string;
      reason?: string;
    }) => api.post<Occurrence>(`/api/tasks/${enc(taskId)}/override`, body),
    onSuccess: (_, input) => invalidate(input.taskId),
  });
}

export function useReportDifficulty() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { taskId: string; year: number; content: string }) =>
      api.post<Difficulty>('/api/difficulties', input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: planKeys.difficulties });
      void queryClient.invalidateQueries({ queryKey: ['occurrences'] });
    },
  });
}

export function useAnswerDifficulty() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: string }) =>
      api.post<Difficulty>(`/api/difficulties/${enc(id)}/answer`, { answer }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: planKeys.difficulties });
      void queryClient.invalidateQueries({ queryKey: ['occurrences'] });
    },
  });
}

/** Upload one evidence file (multipart field `file`). */
export function uploadFile(file: File, signal?: AbortSignal): Promise<StoredFile> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<StoredFile>('/api/files', form, { signal });
}

export const NOTIFICATION_POLL_MS = 60_000;

/** The newest `pageSize` notifications of the caller, with the unread count. */
export function useNotifications(pageSize = 20) {
  return useQuery({
    queryKey: [...planKeys.notifications, pageSize],
    queryFn: () => api.get<NotificationList>('/api/notifications', { page: 1, pageSize }),
    placeholderData: keepPreviousData,
    refetchInterval: NOTIFICATION_POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 30_000,
  });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/notifications/${enc(id)}/read`),
    onMutate: (id) => {
      // Lower the count at once; the next poll brings the server's truth.
      queryClient.setQueriesData<NotificationList>({ queryKey: planKeys.notifications }, (old) => {
        if (!old) return old;
        const target = old.items.find((n) => n.id === id);
        if (!target || target.readAt) return old;
        const now = new Date().toISOString();
        return {
          ...old,
          items: old.items.map((n) => (n.id === id ? { ...n, readAt: now } : n)),
          unread: Math.max(0, old.unread - 1),
        };
      });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: planKeys.notifications }),
  });
}

export function useMarkAllNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/notifications/read-all'),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: planKeys.notifications }),
  });
}
