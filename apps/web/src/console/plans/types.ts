/** Types of the plans API (docs/contracts/plans-api.md). Business dates are `YYYY-MM-DD`. */

import type { FulfilmentKind } from '@cqtt/domain/plans/fulfilment';
import type { Schedule } from '@cqtt/domain/plans/schedule';
import type { OccurrenceStatus } from '@cqtt/domain/plans/status';
import type { UnitRef } from '../../api/types';

export type { FulfilmentKind, OccurrenceStatus, Schedule, UnitRef };

export interface PlanSummary {
  id: string;
  number: string;
  title: string;
  periodFrom: number;
  periodTo: number | null;
  issuedOn: string | null;
}

export interface PlanTarget {
  year: number;
  level: number;
  /** "Từ năm 2027, phấn đấu nâng mức độ": raise the level this year. */
  raiseLevel?: boolean;
  /** Satisfaction index target, 0..1; null: none. */
  satisfaction?: number | null;
  /** Share of feedback answered on time, 0..1; null: none. */
  feedbackOnTime?: number | null;
}

export interface PlanRole {
  heading: string;
  unitId: string | null;
  text: string;
}

export interface Task {
  id: string;
  planId: string;
  number: number;
  content: string;
  schedule: Schedule;
  scheduleText: string;
  /** Null when every unit of the commune leads the task. */
  leadUnit: UnitRef | null;
  leadAllUnits: boolean;
  /** The lead unit's name, or “Tất cả các đơn vị”. */
  leadName: string;
  coordinatingUnits: UnitRef[];
  coordinatingText: string;
  addedOn: string;
  isActive: boolean;
  fulfilment: FulfilmentKind | null;
  fulfilmentLabel: string | null;
}

export interface Plan {
  id: string;
  communeId: string;
  number: string;
  title: string;
  issuedPlace: string;
  issuedOn: string | null;
  legalBases: string[];
  purpose: string;
  requirements: string;
  objectives: string;
  content: string;
  funding: string;
  organization: string;
  /** V. Tổ chức thực hiện: each unit's (or group's) role, as the plan words it. */
  roles: PlanRole[];
  targets: PlanTarget[];
  periodFrom: number;
  periodTo: number | null;
  signerTitle: string;
  signerName: string;
  recipients: string[];
  tasks: Task[];
}

export type PlanInput = Partial<Omit<Plan, 'id' | 'tasks'>>;

export interface TaskInput {
  planId?: string;
  number?: number;
  content?: string;
  schedule?: Schedule;
  scheduleText?: string;
  leadUnitId?: string;
  coordinatingUnitIds?: string[];
  coordinatingText?: string;
  addedOn?: string;
  isActive?: boolean;
  fulfilment?: FulfilmentKind | null;
}

export interface Occurrence {
  taskId: string;
  planId: string;
  taskNumber: number;
  content: string;
  scheduleText: string;
  year: number;
  opensOn: string;
  dueDate: string | null;
  /** Null when every unit of the commune leads the task. */
  leadUnit: UnitRef | null;
  leadAllUnits: boolean;
  /** The lead unit's name, or “Tất cả các đơn vị”. */
  leadName: string;
  coordinatingUnits: UnitRef[];
  coordinatingText: string;
  status: OccurrenceStatus;
  progress: number;
  completedOn: string | null;
  daysLeft: number | null;
  noteCount: number;
  openDifficulties: number;
  /** What the task names as its fulfilment (null: completed by hand). */
  fulfilment: { kind: FulfilmentKind; label: string } | null;
  /** Set when the linked work completed the occurrence. */
  fulfilledBy: { kind: FulfilmentKind; at: string; ref: string | null } | null;
  /** "Hoàn thành tự động: đăng ký mức độ gửi 10/02/2026". */
  fulfilledText: string | null;
  /** The year's figures of outreach, villages or the service centre. */
  figures: Array<{ label: string; value: number | string }> | null;
  source: 'work' | 'override' | 'manual' | null;
  override: {
    state: 'done' | 'open';
    on: string | null;
    reason: string;
    by: string;
    at: string | null;
  } | null;
}

export interface SummaryCounts {
  total: number;
  done: number;
  doneOnTime: number;
  overdue: number;
  inProgress: number;
  notStarted: number;
}

export interface PlanSummaryReport {
  year: number;
  units: Array<SummaryCounts & { unit: UnitRef }>;
  totals: SummaryCounts;
}

export interface Person {
  id: string;
  fullName: string;
}

export interface StoredFile {
  id: string;
  name: string;
  size: number;
  mime: string;
}

export interface ProgressNote {
  id: string;
  year: number;
  unit: UnitRef | null;
  author: Person;
  note: string;
  progress: number | null;
  files: StoredFile[];
  createdAt: string;
}

export interface Difficulty {
  id: string;
  taskId: string;
  taskNumber: number;
  taskContent: string;
  year: number;
  unit: UnitRef | null;
  /** The village whose head reported it (then no unit). */
  village: { id: string; name: string } | null;
  author: Person;
  content: string;
  answer: string | null;
  answeredBy: Person | null;
  answeredAt: string | null;
  createdAt: string;
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: Notification[];
  unread: number;
  /** All of the caller's notifications (the server pages them; not in the contract). */
  total?: number;
}
