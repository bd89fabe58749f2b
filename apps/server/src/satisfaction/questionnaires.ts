import { type QuestionnaireDefinition, questionnaireProblems } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { audited } from '../audit/service.ts';
import type { DB } from '../db/schema.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { managedCommune } from './access.ts';

/** Questionnaires are versioned data: saving makes a new version, which becomes the active one. */
export async function activeQuestionnaire(db: Kysely<DB>, communeId: string) {
  const row = await db
    .selectFrom('questionnaires')
    .select(['id', 'version', 'title', 'elements'])
    .where('commune_id', '=', communeId)
    .where('is_active', '=', true)
    .executeTakeFirst();
  return row ?? null;
}

export async function listQuestionnaires(db: Kysely<DB>, communeId: string) {
  const rows = await db
    .selectFrom('questionnaires as q')
    .select((eb) => [
      'q.id',
      'q.version',
      'q.title',
      'q.elements',
      'q.is_active',
      'q.created_at',
      eb
        .selectFrom('survey_responses as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('r.commune_id', '=', 'q.commune_id')
        .whereRef('r.questionnaire_id', '=', 'q.id')
        .as('responses'),
    ])
    .where('q.commune_id', '=', communeId)
    .orderBy('q.version', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    title: r.title,
    elements: r.elements,
    isActive: r.is_active,
    responses: Number(r.responses ?? 0),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function saveQuestionnaire(
  ctx: RequestContext,
  input: QuestionnaireDefinition & { communeId?: string },
) {
  const communeId = await managedCommune(ctx, input.communeId);
  const problems = questionnaireProblems(input);
  if (problems.length) throw badRequest(problems[0]!.message, problems);
  return audited(ctx, async (trx) => {
    const last = await trx
      .selectFrom('questionnaires')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('commune_id', '=', communeId)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await trx
      .updateTable('questionnaires')
      .set({ is_active: false })
      .where('commune_id', '=', communeId)
      .where('is_active', '=', true)
      .execute();
    const row = await trx
      .insertInto('questionnaires')
      .values({
        commune_id: communeId,
        version,
        title: input.title,
        elements: JSON.stringify(input.elements),
        is_active: true,
        created_by: ctx.actor!.userId,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    return {
      result: { id: row.id, version: row.version },
      audit: {
        action: 'questionnaires.create',
        entityType: 'questionnaire',
        entityId: row.id,
        communeId,
        after: { version, title: input.title, elements: input.elements },
      },
    };
  });
}

export async function questionnaireById(db: Kysely<DB>, communeId: string, id: string) {
  const row = await db
    .selectFrom('questionnaires')
    .select(['id', 'version', 'title', 'elements', 'is_active'])
    .where('commune_id', '=', communeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Phiếu khảo sát');
  return row;
}
