import type { CommuneYear } from '@cqtt/contract/city';
import { submissionOnTime, YEAR_STAGE_LABELS, yearStage } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { budgetFigures } from '../budget/figures.ts';
import { criteriaFigures } from '../criteria/figures.ts';
import type { DB } from '../db/schema.ts';
import { feedbackFigures } from '../feedback/figures.ts';
import * as officialIndices from '../indices/store.ts';
import { type Cells, cellKey, cellsOf, type FigureScope } from '../measures/registry.ts';
import { outreachFigures } from '../outreach/figures.ts';
import { taskFigures } from '../plans/figures.ts';
import { satisfactionFigures } from '../satisfaction/figures.ts';
import * as store from './store.ts';

/**
 * Every figure of the side-by-side view for each commune and year of the scope, from the
 * capabilities' own set-based figure functions (the ones the commune's own routes read) and a
 * fixed number of queries, whatever the number of communes (decision 0025).
 */
export async function communeYears(db: Kysely<DB>, scope: FigureScope): Promise<Cells<CommuneYear>> {
  const [criteria, satisfaction, feedback, tasks, outreach, budget, indices] = await Promise.all([
    criteriaFigures(db, scope),
    satisfactionFigures(db, scope),
    feedbackFigures(db, scope),
    taskFigures(db, scope),
    outreachFigures(db, scope),
    budgetFigures(db, scope),
    officialIndices.forCommunes(db, scope.communeIds, scope.years),
  ]);
  const submitted = [...criteria.values()].flatMap((c) =>
    c.assessment?.status === 'submitted' ? [c.assessment.id] : [],
  );
  const appraised = await store.appraisedAssessments(db, submitted);
  const official = new Map(
    indices.map((i) => [`${cellKey(i.commune_id, i.year)}|${i.index_kind}`, i.value / 100]),
  );
  return cellsOf(scope, (communeId, year) => {
    const key = cellKey(communeId, year);
    const { registration: r, assessment: a } = criteria.get(key)!;
    const s = satisfaction.get(key)!;
    const f = feedback.get(key)!;
    const t = tasks.get(key)!;
    const o = outreach.get(key)!;
    const b = budget.get(key)!;
    const stage = yearStage({
      registered: r !== null,
      assessmentStatus: a?.status ?? null,
      appraised: a ? appraised.has(a.id) : false,
    });
    const sentAt = a?.submittedAt && a.status !== 'returned' ? a.submittedAt : null;
    return {
      year,
      stage,
      stageLabel: YEAR_STAGE_LABELS[stage],
      registeredLevel: r?.level ?? null,
      registeredOnTime: r ? r.onTime : null,
      assessmentId: a?.id ?? null,
      submittedAt: a?.submittedAt ?? null,
      submittedOnTime: sentAt ? submissionOnTime(new Date(sentAt), year) : null,
      selfLevel: a?.level ?? null,
      recognisedLevel: a?.recognisedLevel ?? null,
      decisionNumber: a?.decisionNumber ?? null,
      decisionDate: a?.decisionDate ?? null,
      total: a?.total ?? null,
      maxTotal: a?.maxTotal ?? null,
      groups: a?.groups ?? [],
      satisfaction: {
        index: s.questionnaire.overall,
        answers: s.questionnaire.elements.reduce((n, e) => n + e.answers, 0),
        responses: s.questionnaire.responses,
        elements: s.questionnaire.elements.map((e) => ({
          key: e.key,
          name: e.name,
          index: e.index,
          answers: e.answers,
        })),
      },
      counter: { index: s.counter.index, ratings: s.counter.ratings },
      feedback: {
        received: f.received,
        answered: f.answered,
        answeredOnTime: f.answeredOnTime,
        overdue: f.overdue,
        onTimeShare: f.onTimeShare,
      },
      tasks: { due: t.due, onTime: t.onTime, overdue: t.overdue },
      tasksOnTimeShare: t.onTimeShare,
      outreach: {
        activities: o.activities,
        activeVillages: o.activeVillages,
        coveredVillages: o.coveredVillages,
        villageShare: o.villageShare,
      },
      budget: { approved: b.approved, spent: b.spent, spentShare: b.spentShare },
      official: {
        sipas: official.get(`${key}|sipas`) ?? null,
        parIndex: official.get(`${key}|par_index`) ?? null,
      },
    };
  });
}
