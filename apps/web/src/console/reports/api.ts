/** Types and calls of the reports API: the yearly and review reports' figures, the year at a glance. */

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { OccurrenceStatus } from '../plans/types';
import { formatShare } from '../shared/format';

export interface Figure {
  label: string;
  value: number | string;
}

export interface ReportDocumentRef {
  id: string;
  status: 'draft' | 'issued';
  fullNumber: string | null;
  issuedOn: string | null;
}

export interface YearTarget {
  year: number;
  level: number;
  raiseLevel: boolean;
  satisfaction: number | null;
  feedbackOnTime: number | null;
}

export interface YearlyReport {
  communeId: string;
  communeName: string;
  year: number;
  asOf: string;
  plan: { id: string; number: string; title: string; issuedOn: string | null } | null;
  targets: YearTarget | null;
  direction: {
    documents: { id: string; kindLabel: string; fullNumber: string; issuedOn: string; subject: string }[];
    registration: { level: number; sentOn: string; onTime: boolean } | null;
  };
  tasks: {
    totals: {
      total: number;
      done: number;
      doneOnTime: number;
      overdue: number;
      inProgress: number;
      notStarted: number;
    };
    occurrences: {
      taskId: string;
      taskNumber: number;
      content: string;
      scheduleText: string;
      dueDate: string | null;
      leadUnit: string;
      status: OccurrenceStatus;
      progress: number;
      completedOn: string | null;
      fulfilledText: string | null;
      figures: Figure[] | null;
    }[];
  };
  outreach: {
    activities: number;
    audience: number;
    activeVillages: number;
    coveredVillages: number;
    share: number | null;
    channels: { kind: string; label: string; activities: number; audience: number }[];
  };
  villages: {
    activeVillages: number;
    recognised: number;
    cultureTitleShare: number | null;
    assessed: number;
    titles: string[];
  };
  satisfaction: {
    target: number | null;
    questionnaire: {
      responses: number;
      overall: number | null;
      elements: { key: string; name: string; answers: number; satisfied: number; index: number | null }[];
    } | null;
    counter: { ratings: number; satisfied: number; index: number | null } | null;
    byCounter: { label: string; ratings: number; satisfied: number; index: number | null }[];
    dossiers: { counted: number; onTime: number; late: number; pending: number; share: number | null };
  };
  feedback: {
    target: number | null;
    received: number;
    overdue: number;
    measures: { key: string; name: string; value: number | null; figures: Figure[] }[];
  };
  level: {
    planTarget: number | null;
    registeredLevel: number | null;
    selfLevel: number | null;
    total: number | null;
    recognisedLevel: number | null;
    assessmentId: string | null;
    statusLabel: string | null;
  };
  rewards: {
    individuals: number;
    collectives: number;
    items: { nomineeName: string; form: string; decisionNumber: string; decisionDate: string | null }[];
  };
  budget: { status: string; estimated: number; approved: number; spent: number; remaining: number } | null;
  difficulties: {
    reported: number;
    answered: number;
    items: { taskNumber: number; content: string; unit: string | null; answer: string | null }[];
  };
  examples: {
    good: { title: string; subject: string }[];
    shortcomings: { title: string; subject: string }[];
  };
  document: ReportDocumentRef | null;
}

export interface ReviewYear {
  year: number;
  targetLevel: number | null;
  raiseLevel: boolean;
  registeredLevel: number | null;
  selfLevel: number | null;
  recognisedLevel: number | null;
  satisfactionIndex: number | null;
  satisfactionTarget: number | null;
  feedbackOnTime: number | null;
  feedbackOnTimeTarget: number | null;
  tasksOnTime: number | null;
}

export interface ReviewReport {
  year: number;
  kind: 'so_ket' | 'tong_ket';
  kindLabel: string;
  fromYear: number;
  toYear: number;
  objectives: { years: (YearTarget & { sentence: string })[] };
  years: ReviewYear[];
  document: ReportDocumentRef | null;
}

export interface YearGlance {
  year: number;
  today: string;
  planId: string | null;
  tasks: {
    totals: YearlyReport['tasks']['totals'];
    overdue: {
      taskId: string;
      planId: string;
      taskNumber: number;
      content: string;
      dueDate: string | null;
      daysLeft: number | null;
    }[];
    dueSoon: {
      taskId: string;
      planId: string;
      taskNumber: number;
      content: string;
      dueDate: string | null;
      daysLeft: number | null;
    }[];
  };
  level: {
    target: { level: number; raiseLevel: boolean } | null;
    registration: { level: number; sentOn: string; onTime: boolean } | null;
    assessment: {
      id: string;
      statusLabel: string;
      submittedOn: string | null;
      submissionOnTime: boolean | null;
      recognisedLevel: number | null;
    } | null;
  };
  satisfaction: { index: number | null; counterIndex: number | null; target: number | null };
  feedback: { onTimeShare: number | null; target: number | null };
  objectives: {
    year: number;
    targetLevel: number | null;
    raiseLevel: boolean;
    satisfactionTarget: number | null;
    registeredLevel: number | null;
    selfLevel: number | null;
    recognisedLevel: number | null;
  }[];
  indices: {
    year: number;
    kind: string;
    kindLabel: string;
    value: number;
    rank: number | null;
    decision: string;
  }[];
}

export const reportKeys = {
  yearly: (year: number) => ['reports', 'yearly', year] as const,
  review: (year: number) => ['reports', 'review', year] as const,
  glance: (year: number) => ['reports', 'glance', year] as const,
};

export function useYearlyReport(year: number) {
  return useQuery({
    queryKey: reportKeys.yearly(year),
    queryFn: () => api.get<YearlyReport>('/api/reports/yearly', { year }),
    placeholderData: keepPreviousData,
  });
}

export function useReviewReport(year: number) {
  return useQuery({
    queryKey: reportKeys.review(year),
    queryFn: () => api.get<ReviewReport>('/api/reports/review', { year }),
    retry: false,
  });
}

export function useYearGlance(year: number, enabled = true) {
  return useQuery({
    queryKey: reportKeys.glance(year),
    queryFn: () => api.get<YearGlance>('/api/reports/glance', { year }),
    enabled,
  });
}

/** "90%" / "92,5%"; a dash without a figure. */
export function percent(share: number | null | undefined): string {
  return formatShare(share);
}
