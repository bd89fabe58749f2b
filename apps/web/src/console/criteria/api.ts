import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../api/client';

const enc = encodeURIComponent;

export interface CriteriaSetSummary {
  id: string;
  code: string;
  version: number;
  name: string;
  issuedBy: string;
  decision: string;
  effectiveFrom: string;
  maxTotal: number;
  /** How many levels the set defines (as many as the city's decision). */
  levelCount: number;
  /** How many deduction criteria (điểm trừ) it holds. */
  deductions: number;
  createdAt: string;
}
export interface CriteriaSetDetail extends Omit<CriteriaSetSummary, 'levelCount' | 'deductions'> {
  groups: Array<{
    code: string;
    name: string;
    criteria: Array<{
      code: string;
      name: string;
      maxPoints: number;
      passPoints: number;
      responsibleUnit: string | null;
      evidence: string;
      guidance: string;
      /** A deduction criterion: maxPoints is the cap it takes off the total. */
      deduction?: boolean;
      indicators: Array<{ code: string; name: string; maxPoints: number; measure: string | null }>;
    }>;
  }>;
  levels: Array<{
    level: number;
    minTotal: number;
    mandatory: string[];
    minGroupShare: number | null;
    minIndex: Record<string, number>;
  }>;
}
export interface Registration {
  id: string;
  communeId: string;
  communeName: string;
  year: number;
  targetLevel: number;
  justification: string;
  sentAt: string;
  sentBy: string;
  onTime: boolean;
}
export interface AssessmentSummary {
  id: string;
  year: number;
  status: string;
  statusLabel: string;
  communeId: string;
  communeName: string;
  criteriaSet: string;
  recognisedLevel: number | null;
}
export interface Figure {
  label: string;
  value: number | string;
}
export interface StoredFileRef {
  id: string;
  name: string;
  size: number;
  mime: string;
}
export interface Indicator {
  code: string;
  name: string;
  groupCode: string;
  criterionCode: string;
  maxPoints: number;
  /** An indicator of a deduction criterion: its points are taken off the total. */
  deduction: boolean;
  responsibleUnit: { code: string; name: string } | null;
  measure: {
    key: string;
    name: string;
    value: number | null;
    figures: Figure[];
    proposedPoints: number | null;
  } | null;
  self: { points: number; note: string; by: string; at: string | null; files: StoredFileRef[] } | null;
  review: { points: number; reason: string; by: string; at: string | null } | null;
  city: { points: number; reason: string; by: string; at: string | null } | null;
  points: number | null;
  canScore: boolean;
}
export interface Assessment {
  id: string;
  communeId: string;
  communeName: string;
  year: number;
  status: string;
  statusLabel: string;
  criteriaSet: { id: string; code: string; version: number; name: string; decision: string };
  total: number;
  /** Earned by the criteria that give points; deducted by the deduction criteria (within caps). */
  earned: number;
  deducted: number;
  maxTotal: number;
  level: number;
  levelLabel: string;
  registeredLevel: number | null;
  missing: {
    level: number;
    reached: boolean;
    undefinedLevel: boolean;
    pointsShort: number;
    unmetMandatory: string[];
    groupsBelow: Array<{ code: string; points: number; maxPoints: number; requiredShare: number }>;
    failingIndexes: Array<{ key: string; name: string; value: number | null; required: number }>;
  } | null;
  groups: Array<{ code: string; name: string; points: number; maxPoints: number; deducted: number }>;
  criteria: Array<{
    code: string;
    name: string;
    groupCode: string;
    points: number;
    maxPoints: number;
    passPoints: number;
    met: boolean;
    deduction: boolean;
    /** For a deduction: what its indicators add up to before the cap. */
    uncapped: number;
    evidence: string;
    guidance: string;
  }>;
  indicators: Indicator[];
  levels: Array<{ level: number; minTotal: number }>;
  recognition: { level: number; decisionNumber: string; decisionDate: string | null } | null;
  events: Array<{ action: string; status: string; by: string; note: string; at: string }>;
  can: {
    consolidate: boolean;
    finishReview: boolean;
    approve: boolean;
    submit: boolean;
    return: boolean;
    recognise: boolean;
  };
}
export interface OverviewRow {
  communeId: string;
  communeName: string;
  year: number;
  registeredLevel: number | null;
  registeredAt: string | null;
  registrationOnTime: boolean | null;
  /** When the self-assessment was sent to the city; on time before 12/11. */
  submittedAt: string | null;
  submissionOnTime: boolean | null;
  assessmentId: string | null;
  status: string | null;
  statusLabel: string;
  total: number | null;
  level: number | null;
  recognisedLevel: number | null;
  decisionNumber: string | null;
  decisionDate: string | null;
}
export interface History {
  communeId: string;
  years: Array<{
    year: number;
    planTarget: number | null;
    registeredLevel: number | null;
    selfLevel: number | null;
    total: number | null;
    recognisedLevel: number | null;
    assessmentId: string | null;
  }>;
}

export const criteriaKeys = {
  sets: ['criteria-sets'] as const,
  set: (id: string) => ['criteria-set', id] as const,
  registrations: (year?: number) => ['level-registrations', year ?? 'all'] as const,
  assessments: ['assessments'] as const,
  assessment: (id: string) => ['assessment', id] as const,
  overview: (year: number) => ['level-overview', year] as const,
  history: (communeId?: string) => ['level-history', communeId ?? 'own'] as const,
};

export const useCriteriaSets = () =>
  useQuery({
    queryKey: criteriaKeys.sets,
    queryFn: () => api.get<CriteriaSetSummary[]>('/api/criteria-sets'),
  });
export const useCriteriaSet = (id: string | undefined) =>
  useQuery({
    queryKey: criteriaKeys.set(id ?? ''),
    queryFn: () => api.get<CriteriaSetDetail>(`/api/criteria-sets/${enc(id ?? '')}`),
    enabled: Boolean(id),
  });
export const useRegistrations = (year?: number) =>
  useQuery({
    queryKey: criteriaKeys.registrations(year),
    queryFn: () => api.get<Registration[]>('/api/level-registrations', { year }),
  });
export const useAssessments = () =>
  useQuery({
    queryKey: criteriaKeys.assessments,
    queryFn: () => api.get<AssessmentSummary[]>('/api/assessments'),
  });
export const useAssessment = (id: string | undefined) =>
  useQuery({
    queryKey: criteriaKeys.assessment(id ?? ''),
    queryFn: () => api.get<Assessment>(`/api/assessments/${enc(id ?? '')}`),
    enabled: Boolean(id),
  });
export const useOverview = (year: number) =>
  useQuery({
    queryKey: criteriaKeys.overview(year),
    queryFn: () => api.get<OverviewRow[]>('/api/level-overview', { year }),
  });
export const useHistory = (enabled: boolean, communeId?: string) =>
  useQuery({
    queryKey: criteriaKeys.history(communeId),
    queryFn: () => api.get<History>('/api/level-history', { communeId }),
    enabled,
  });

export function useImportSet() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { json?: unknown; file?: File }) => {
      if (input.file) {
        const form = new FormData();
        form.append('file', input.file, input.file.name);
        return api.upload<{ id: string; version: number }>('/api/criteria-sets/import.xlsx', form);
      }
      return api.post<{ id: string; version: number }>('/api/criteria-sets', input.json);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: criteriaKeys.sets }),
  });
}

export function useRegister() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { year: number; targetLevel: number; justification: string }) =>
      api.post<Registration>('/api/level-registrations', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['level-registrations'] }),
  });
}

export function useOpenAssessment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { year: number; criteriaSetId: string }) =>
      api.post<{ id: string }>('/api/assessments', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: criteriaKeys.assessments }),
  });
}

function useAssessmentWrite<I>(id: string, send: (input: I) => Promise<Assessment>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (view) => {
      qc.setQueryData(criteriaKeys.assessment(id), view);
      void qc.invalidateQueries({ queryKey: criteriaKeys.assessments });
    },
  });
}

export const useScore = (id: string) =>
  useAssessmentWrite(id, (input: { code: string; points: number; note?: string; fileIds?: string[] }) =>
    request<Assessment>('PUT', `/api/assessments/${enc(id)}/scores/${enc(input.code)}`, {
      body: { points: input.points, note: input.note, fileIds: input.fileIds },
    }),
  );
export const useAct = (id: string) =>
  useAssessmentWrite(
    id,
    (input: { action: string; note?: string; signerName?: string; signerTitle?: string }) =>
      api.post<Assessment>(`/api/assessments/${enc(id)}/actions`, input),
  );
export const useRecognise = (id: string) =>
  useAssessmentWrite(
    id,
    (input: { level: number; decisionNumber: string; decisionDate: string; note?: string }) =>
      api.post<Assessment>(`/api/assessments/${enc(id)}/recognition`, input),
  );
