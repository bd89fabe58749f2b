import { answersProblems, conductProblems, elementOfQuestion, vietnamDate } from '@cqtt/domain';
import { sql } from 'kysely';
import { audited } from '../audit/service.ts';
import { badRequest, conflict } from '../http/errors.ts';
import { consumeRateLimit, type RateLimit } from '../http/rate-limit.ts';
import type { RequestContext } from '../http/route.ts';
import { findPublicCommune } from '../public/routes.ts';
import { questionnaireById } from './questionnaires.ts';

/** Ratings without a dossier code: per device (the phone's or tablet's own id) and per address. */
export const ANONYMOUS_RATING_LIMITS = {
  device: {
    bucket: 'ratings.anonymous.device',
    limit: 5,
    windowSeconds: 3600,
    message: 'Thiết bị này đã gửi nhiều đánh giá không kèm mã hồ sơ.',
  },
  kioskDevice: {
    bucket: 'ratings.anonymous.kiosk',
    limit: 120,
    windowSeconds: 3600,
    message: 'Máy đánh giá tại quầy đã gửi quá nhiều đánh giá không kèm mã hồ sơ.',
  },
  address: {
    bucket: 'ratings.anonymous.address',
    limit: 200,
    windowSeconds: 3600,
    message: 'Có quá nhiều đánh giá không kèm mã hồ sơ từ cùng một địa chỉ mạng.',
  },
} satisfies Record<string, RateLimit>;

/** Questionnaire responses: per address, with or without a dossier code. */
export const SURVEY_LIMIT: RateLimit = {
  bucket: 'surveys.address',
  limit: 60,
  windowSeconds: 3600,
  message: 'Có quá nhiều phiếu khảo sát từ cùng một địa chỉ mạng.',
};

export interface RatingInput {
  communeCode: string;
  counterId?: string | undefined;
  officialId?: string | undefined;
  procedureCode?: string | undefined;
  dossierCode?: string | undefined;
  clientId: string;
  score: number;
  conduct?: { done: string[]; breaches: string[] } | undefined;
  comment?: string | undefined;
  channel: 'qr' | 'kiosk' | 'web';
}

/**
 * Communes by code for the rating route, kept a minute: a burst of ratings at opening time
 * should not look the same commune up for each one. Communes are never deleted; a renamed
 * code is seen within the minute.
 */
const communeCache = new Map<string, { id: string; expires: number }>();
async function communeIdOf(ctx: RequestContext, code: string): Promise<string> {
  const key = code.toUpperCase();
  const hit = communeCache.get(key);
  if (hit && hit.expires > Date.now()) return hit.id;
  const commune = await findPublicCommune(ctx.db, code);
  if (communeCache.size > 10_000) communeCache.clear();
  communeCache.set(key, { id: commune.id, expires: Date.now() + 60_000 });
  return commune.id;
}

const DOSSIER_TAKEN =
  'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần; xin cảm ơn ông/bà đã góp ý.';

/**
 * A one-tap rating from a phone (QR), a kiosk tablet or the web. Idempotent by clientId:
 * the same id again answers the first rating's id (created: false). One rating per dossier
 * code (a unique index decides, so parallel duplicates store one).
 */
export async function submitRating(
  ctx: RequestContext,
  input: RatingInput,
  deviceId: string | null,
): Promise<{ id: string; created: boolean }> {
  const commune = { id: await communeIdOf(ctx, input.communeCode) };
  const dossierCode = input.dossierCode?.trim().toUpperCase() || null;
  // A rating without a dossier code is rate-limited: a retry of one already stored must not
  // count, so look for it first. With a code, the insert itself finds a retry.
  if (!dossierCode) {
    const existing = await ctx.db
      .selectFrom('ratings')
      .select('id')
      .where('commune_id', '=', commune.id)
      .where('client_id', '=', input.clientId)
      .executeTakeFirst();
    if (existing) return { id: existing.id, created: false };
  }

  const conduct = input.conduct ?? { done: [], breaches: [] };
  const problems = conductProblems(conduct);
  if (problems.length) throw badRequest(problems[0]!.message, problems);
  let procedureCode = input.procedureCode?.trim() || null;

  const [counter, official, procedure, dossier] = await Promise.all([
    input.counterId
      ? ctx.db
          .selectFrom('service_counters')
          .select('id')
          .where('commune_id', '=', commune.id)
          .where('id', '=', input.counterId)
          .executeTakeFirst()
      : null,
    input.officialId
      ? ctx.db
          .selectFrom('service_officials')
          .select(['id', 'counter_id'])
          .where('commune_id', '=', commune.id)
          .where('id', '=', input.officialId)
          .executeTakeFirst()
      : null,
    procedureCode
      ? ctx.db
          .selectFrom('procedures')
          .select('code')
          .where('commune_id', '=', commune.id)
          .where('code', '=', procedureCode)
          .executeTakeFirst()
      : null,
    dossierCode
      ? ctx.db
          .selectFrom('dossiers')
          .select('procedure_code')
          .where('commune_id', '=', commune.id)
          .where('code', '=', dossierCode)
          .executeTakeFirst()
      : null,
  ]);
  if (input.counterId && !counter) {
    throw badRequest('Quầy không tồn tại.', [{ path: 'counterId', message: 'Quầy không tồn tại.' }]);
  }
  if (input.officialId && !official) {
    throw badRequest('Cán bộ không tồn tại.', [{ path: 'officialId', message: 'Cán bộ không tồn tại.' }]);
  }
  if (procedureCode && !procedure) {
    throw badRequest('Thủ tục hành chính không tồn tại.', [
      { path: 'procedureCode', message: 'Thủ tục hành chính không tồn tại.' },
    ]);
  }
  if (!procedureCode && dossier?.procedure_code) procedureCode = dossier.procedure_code;

  if (!dossierCode) {
    if (deviceId) {
      await consumeRateLimit(
        ctx.db,
        input.channel === 'kiosk' ? ANONYMOUS_RATING_LIMITS.kioskDevice : ANONYMOUS_RATING_LIMITS.device,
        deviceId,
      );
    }
    await consumeRateLimit(ctx.db, ANONYMOUS_RATING_LIMITS.address, ctx.ip);
  }

  const now = new Date();
  // The rating and its audit row in one statement (one round trip, atomic): a rating is the
  // hottest write of the application. A retry or a taken dossier code inserts neither.
  const after = JSON.stringify({ score: input.score, channel: input.channel, dossierCode });
  const row = await ctx.db
    .with('r', (db) =>
      db
        .insertInto('ratings')
        .values({
          commune_id: commune.id,
          client_id: input.clientId,
          counter_id: counter?.id ?? official?.counter_id ?? null,
          official_id: official?.id ?? null,
          procedure_code: procedureCode,
          dossier_code: dossierCode,
          score: input.score,
          conduct_done: conduct.done,
          conduct_breaches: conduct.breaches,
          comment: input.comment?.trim() ?? '',
          channel: input.channel,
          created_at: now,
          rated_on: vietnamDate(now),
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id'),
    )
    .with('a', (db) =>
      db
        .insertInto('audit_log')
        .columns([
          'actor_name',
          'commune_id',
          'action',
          'entity_type',
          'entity_id',
          'after',
          'request_id',
          'ip',
        ])
        .expression((eb) =>
          eb
            .selectFrom('r')
            .select([
              sql.val('người dân').as('actor_name'),
              sql<string>`${commune.id}::uuid`.as('commune_id'),
              sql.val('ratings.create').as('action'),
              sql.val('rating').as('entity_type'),
              sql<string>`r.id::text`.as('entity_id'),
              sql<string>`${after}::jsonb`.as('after'),
              sql.val(ctx.requestId).as('request_id'),
              sql.val(ctx.ip).as('ip'),
            ]),
        ),
    )
    .selectFrom('r')
    .select('id')
    .executeTakeFirst();
  const inserted = row?.id ?? null;
  if (inserted) return { id: inserted, created: true };
  // Lost a race: either the same clientId (idempotent) or the same dossier code (409).
  const same = await ctx.db
    .selectFrom('ratings')
    .select('id')
    .where('commune_id', '=', commune.id)
    .where('client_id', '=', input.clientId)
    .executeTakeFirst();
  if (same) return { id: same.id, created: false };
  throw conflict(DOSSIER_TAKEN);
}

class AlreadyThere extends Error {}

export interface SurveyInput {
  communeCode: string;
  dossierCode?: string | undefined;
  clientId: string;
  answers: Record<string, number>;
}

/** A questionnaire response; idempotent by clientId, one per dossier code and questionnaire. */
export async function submitSurvey(
  ctx: RequestContext,
  questionnaireId: string,
  input: SurveyInput,
): Promise<{ id: string; created: boolean }> {
  const commune = await findPublicCommune(ctx.db, input.communeCode);
  const q = await questionnaireById(ctx.db, commune.id, questionnaireId);
  const existing = await ctx.db
    .selectFrom('survey_responses')
    .select('id')
    .where('commune_id', '=', commune.id)
    .where('client_id', '=', input.clientId)
    .executeTakeFirst();
  if (existing) return { id: existing.id, created: false };
  const problems = answersProblems(q, input.answers);
  if (problems.length) throw badRequest(problems[0]!.message, problems);
  await consumeRateLimit(ctx.db, SURVEY_LIMIT, ctx.ip);
  const dossierCode = input.dossierCode?.trim().toUpperCase() || null;
  const elementOf = elementOfQuestion(q);
  const now = new Date();
  const day = vietnamDate(now);
  const id = await audited(ctx, async (trx) => {
    const row = await trx
      .insertInto('survey_responses')
      .values({
        commune_id: commune.id,
        questionnaire_id: q.id,
        client_id: input.clientId,
        dossier_code: dossierCode,
        answers: JSON.stringify(input.answers),
        created_at: now,
        responded_on: day,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AlreadyThere();
    await trx
      .insertInto('survey_answers')
      .values(
        Object.entries(input.answers).map(([key, score]) => ({
          commune_id: commune.id,
          response_id: row.id,
          element_key: elementOf.get(key)!,
          question_key: key,
          score,
          responded_on: day,
        })),
      )
      .execute();
    return {
      result: row.id,
      audit: {
        action: 'survey_responses.create',
        entityType: 'survey_response',
        entityId: row.id,
        communeId: commune.id,
        after: { questionnaireId: q.id, version: q.version, dossierCode, answers: input.answers },
      },
    };
  }).catch((e) => {
    if (e instanceof AlreadyThere) return null;
    throw e;
  });
  if (id) return { id, created: true };
  const same = await ctx.db
    .selectFrom('survey_responses')
    .select('id')
    .where('commune_id', '=', commune.id)
    .where('client_id', '=', input.clientId)
    .executeTakeFirst();
  if (same) return { id: same.id, created: false };
  throw conflict(
    'Hồ sơ này đã có phiếu khảo sát. Mỗi hồ sơ chỉ trả lời phiếu một lần; xin cảm ơn ông/bà đã góp ý.',
  );
}
