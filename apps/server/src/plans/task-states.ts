import {
  type DerivedOccurrence,
  deriveOccurrence,
  type FulfilmentKind,
  type IsoDate,
  type WorkFact,
} from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** What a person recorded on a task's occurrence of a year, and the coordinator's override. */
export interface TaskYearState {
  progress: number;
  completed_on: string | null;
  override_state: 'done' | 'open' | null;
  override_on: string | null;
  override_reason: string | null;
}

export const taskYearKey = (taskId: string, year: number): string => `${taskId}|${year}`;

/**
 * The recorded states of the tasks of some communes (every commune when `communeIds` is null,
 * as the reminder job reads them) in some years, keyed by taskYearKey: one read whatever the
 * number of tasks, shared by the measures, the city's figures and the reminders.
 */
export async function taskYearStates(
  db: Kysely<DB>,
  communeIds: readonly string[] | null,
  years: readonly number[],
): Promise<Map<string, TaskYearState>> {
  if (years.length === 0 || communeIds?.length === 0) return new Map();
  let q = db
    .selectFrom('task_years')
    .select([
      'task_id',
      'year',
      'progress',
      'completed_on',
      'override_state',
      'override_on',
      'override_reason',
    ])
    .where('year', 'in', [...years]);
  if (communeIds) q = q.where('commune_id', 'in', [...communeIds]);
  const rows = await q.execute();
  return new Map(rows.map((r) => [taskYearKey(r.task_id, r.year), r]));
}

/**
 * An occurrence's state by the domain rule (deriveOccurrence) from what was recorded, the
 * override and the facts of the linked work: the one way every list, measure, figure and
 * reminder of the server turns these rows into a state.
 */
export function deriveTaskYear(
  link: FulfilmentKind | null,
  dueDate: IsoDate | null,
  state: TaskYearState | undefined,
  work: Map<FulfilmentKind, WorkFact> | undefined,
  today: IsoDate,
): DerivedOccurrence {
  return deriveOccurrence(
    {
      link,
      dueDate,
      manual: { completedOn: state?.completed_on ?? null, progress: state?.progress ?? 0 },
      override:
        state?.override_state && state.override_reason
          ? { state: state.override_state, on: state.override_on, reason: state.override_reason }
          : null,
      work: link ? (work?.get(link) ?? null) : null,
    },
    today,
  );
}
