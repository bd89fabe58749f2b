import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { formatShare } from '../shared/format';

export interface IndexGroup {
  key: string | null;
  label: string;
  ratings: number;
  satisfied: number;
  index: number | null;
}
export interface Dashboard {
  from: string;
  to: string;
  granularity: 'day' | 'month' | 'year';
  ownOnly: boolean;
  /** The plan's satisfaction target of the period's last year; null when the plan sets none. */
  target: number | null;
  counter: {
    ratings: number;
    satisfied: number;
    index: number | null;
    withoutDossier: { ratings: number; satisfied: number; index: number | null };
    scores: number[];
  };
  questionnaire: {
    responses: number;
    overall: number | null;
    elements: { key: string; name: string; answers: number; satisfied: number; index: number | null }[];
  } | null;
  trend: IndexGroup[];
  byCounter: IndexGroup[];
  byOfficial: IndexGroup[];
  byProcedure: IndexGroup[];
  conductCode: { done: { key: string; label: string }[]; breaches: { key: string; label: string }[] };
  conduct: {
    officialId: string;
    fullName: string;
    ratings: number;
    done: Record<string, number>;
    breaches: Record<string, number>;
  }[];
}
export interface Rating {
  id: string;
  score: number;
  satisfied: boolean;
  comment: string;
  channel: string;
  dossierCode: string | null;
  claimedDossierCode: string | null;
  procedureCode: string | null;
  conductDone: string[];
  conductBreaches: string[];
  counter: string | null;
  official: string | null;
  createdAt: string;
  /** The day it counts on; givenOn and why, for a rating an offline device sent late (decision 0029). */
  ratedOn: string;
  givenOn: string | null;
  countedOnArrival: 'closed' | 'too-old' | null;
  dayNote: string | null;
  hidden: boolean;
  hiddenReason: string | null;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
}
export interface Counter {
  id: string;
  number: number;
  name: string;
  isActive: boolean;
  link: string;
  officials: { id: string; fullName: string; title: string }[];
}
export interface Official {
  id: string;
  fullName: string;
  title: string;
  userId: string | null;
  username: string | null;
  counterId: string | null;
  isActive: boolean;
}
export interface Procedure {
  id: string;
  code: string;
  name: string;
  field: string;
  isActive: boolean;
}

export interface Period {
  communeId?: string;
  from?: string;
  to?: string;
  granularity?: 'day' | 'month' | 'year';
}

export function useDashboard(period: Period, enabled = true) {
  return useQuery({
    queryKey: ['satisfaction', 'dashboard', period],
    queryFn: () => api.get<Dashboard>('/api/satisfaction/dashboard', { ...period }),
    enabled,
  });
}

export function useRatings(period: Period, page: number, withComment: boolean, enabled = true) {
  const { granularity: _ignored, ...rest } = period;
  return useQuery({
    queryKey: ['satisfaction', 'ratings', rest, page, withComment],
    queryFn: () =>
      api.get<{ total: number; items: Rating[] }>('/api/ratings', {
        ...rest,
        page,
        pageSize: 20,
        ...(withComment ? { withComment: 'true' } : {}),
      }),
    enabled,
  });
}

export interface Burst {
  sourceKind: 'address' | 'kiosk';
  source: string;
  label: string;
  from: string;
  to: string;
  ratings: number;
  withoutDossier: number;
  satisfied: number;
  refused: number;
  voided: number;
}
export interface Floods {
  from: string;
  to: string;
  refused: number;
  refusedBySource: { sourceKind: string; source: string; label: string; refused: number }[];
  bursts: Burst[];
  voids: {
    id: string;
    label: string;
    from: string;
    to: string;
    reason: string;
    ratings: number;
    createdAt: string;
    createdBy: string | null;
  }[];
}

/** Ratings the limits refused, bursts from one source, and the voided ones (those who see all). */
export function useFloods(period: Period, enabled = true) {
  const { granularity: _ignored, ...rest } = period;
  return useQuery({
    queryKey: ['satisfaction', 'floods', rest],
    queryFn: () => api.get<Floods>('/api/satisfaction/floods', { ...rest }),
    enabled,
  });
}

export interface Kiosk {
  id: string;
  name: string;
  counterId: string | null;
  counter: string | null;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  lastRatingAt: string | null;
}

export function useKiosks(communeId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['satisfaction', 'kiosks', communeId],
    queryFn: () => api.get<Kiosk[]>('/api/rating-kiosks', { communeId }),
    enabled,
  });
}

export function useSetup(communeId: string | undefined, enabled = true) {
  const counters = useQuery({
    queryKey: ['satisfaction', 'counters', communeId],
    queryFn: () => api.get<Counter[]>('/api/counters', { communeId }),
    enabled,
  });
  const officials = useQuery({
    queryKey: ['satisfaction', 'officials', communeId],
    queryFn: () => api.get<Official[]>('/api/service-officials', { communeId }),
    enabled,
  });
  const procedures = useQuery({
    queryKey: ['satisfaction', 'procedures', communeId],
    queryFn: () => api.get<Procedure[]>('/api/procedures', { communeId }),
    enabled,
  });
  return { counters, officials, procedures };
}

/** Any write of this capability; refreshes every satisfaction query afterwards. */
export function useSatisfactionWrite<T>(send: (input: T) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['satisfaction'] }),
  });
}

export const percent = (index: number | null, empty: string) => formatShare(index, 1, empty);
