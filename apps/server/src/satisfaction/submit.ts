import { answersProblems, conductProblems, elementOfQuestion, ratingDay, vietnamDate } from '@cqtt/domain';
import { audited } from '../audit/service.ts';
import { badRequest, conflict } from '../http/errors.ts';
import { consumeRateLimit, type RateLimit } from '../http/rate-limit.ts';
import type { RequestContext } from '../http/route.ts';
import { findPublicCommune } from '../public/routes.ts';
import { yearSentToCity } from './given-day.ts';
import { kioskByKey } from './kiosks.ts';
import { limitCodelessRating } from './limits.ts';
import { questionnaireById } from './questionnaires.ts';
import { type RatingOutcome, type RatingRow, ratingWriterOf } from './rating-writer.ts';

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
  /** When the citizen gave it, by the device's clock: sent by a kiosk or phone that was offline. */
  givenAt?: string | undefined;
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

/** Where a rating comes from, as the request tells (only the kiosk key is checked). */
export interface RatingSource {
  /** the device id the page keeps (header X-Cqtt-Device); invented at will, so it loosens nothing */
  deviceId: string | null;
  /** the header X-Cqtt-Kiosk: the key of a tablet the staff registered */
  kioskKey: string | string[] | undefined;
}

/**
 * A one-tap rating from a phone (QR), a kiosk tablet or the web. Idempotent by clientId:
 * the same id again answers the first rating's id (created: false). A dossier code counts only
 * when the commune holds that dossier and it is not rated yet (checked inside the grouped
 * statement, rating-writer.ts): a rated one is refused (409); a code the commune does not hold
 * makes the rating one without a code, kept with the code it claimed and under the limits of
 * those (limits.ts).
 */
export async function submitRating(
  ctx: RequestContext,
  input: RatingInput,
  source: RatingSource,
): Promise<{ id: string; created: boolean }> {
  const communeId = await communeIdOf(ctx, input.communeCode);
  const dossierCode = input.dossierCode?.trim().toUpperCase() || null;
  const conduct = input.conduct ?? { done: [], breaches: [] };
  const problems = conductProblems(conduct);
  if (problems.length) throw badRequest(problems[0]!.message, problems);
  const kiosk = await kioskByKey(ctx, communeId, source.kioskKey);
  const now = new Date();
  const day = await dayOf(ctx, communeId, now, input.givenAt);
  const row: RatingRow = {
    communeId,
    clientId: input.clientId,
    counterId: input.counterId ?? kiosk?.counterId ?? null,
    officialId: input.officialId ?? null,
    procedureCode: input.procedureCode?.trim() || null,
    dossierCode,
    score: input.score,
    conductDone: conduct.done,
    conductBreaches: conduct.breaches,
    comment: input.comment?.trim() ?? '',
    channel: input.channel,
    createdAt: now.toISOString(),
    ratedOn: day.countedOn,
    givenOn: day.givenOn,
    countedOnArrival: day.countedOnArrival,
    requestId: ctx.requestId,
    ip: ctx.ip,
    deviceId: source.deviceId,
    kioskId: kiosk?.id ?? null,
    claimedDossierCode: null,
  };
  const writer = ratingWriterOf(ctx.db);
  // A rating that counts on an earlier day goes alone, under the sealing lock (rating-writer.ts).
  const write = (r: RatingRow) => (r.ratedOn < vietnamDate(now) ? writer.writeDated(r) : writer.write(r));
  if (dossierCode) {
    // Checked, stored and audited in one statement shared with the ratings arriving meanwhile.
    const outcome = await write(row);
    if (outcome.kind !== 'dossierUnknown') return answer(ctx, communeId, input.clientId, outcome);
  } else {
    // A retry of a rating already stored must not count against the limits: look for it first.
    const existing = await storedRating(ctx, communeId, input.clientId);
    if (existing) return existing;
  }
  await limitCodelessRating(ctx, {
    communeId,
    kiosk,
    deviceId: source.deviceId,
    counterId: row.counterId,
  });
  const outcome = await write({ ...row, dossierCode: null, claimedDossierCode: dossierCode });
  return answer(ctx, communeId, input.clientId, outcome);
}

/**
 * The day a rating counts on (decision 0029): the day it was given when the device sends it
 * late, unless the commune has sent that year's figures to the city. The year is looked up only
 * for such a rating; one sent at once costs nothing.
 */
async function dayOf(ctx: RequestContext, communeId: string, now: Date, givenAt: string | undefined) {
  const given = givenAt ? new Date(givenAt) : null;
  const year = given && vietnamDate(given) < vietnamDate(now) ? Number(vietnamDate(given).slice(0, 4)) : null;
  const closed = year === null ? false : await yearSentToCity(ctx.db, communeId, year);
  return ratingDay({ arrivedAt: now, givenAt: given, closedYear: () => closed });
}

async function answer(ctx: RequestContext, communeId: string, clientId: string, outcome: RatingOutcome) {
  switch (outcome.kind) {
    case 'created':
      return { id: outcome.id, created: true };
    case 'existing':
      return { id: outcome.id, created: false };
    case 'unknown': {
      const message = UNKNOWN[outcome.field];
      throw badRequest(message, [{ path: outcome.field, message }]);
    }
    case 'dossierTaken':
    case 'dossierUnknown': {
      // The same clientId stored by another process while this statement ran is a retry too.
      const same = await storedRating(ctx, communeId, clientId);
      if (same) return same;
      throw conflict(DOSSIER_TAKEN);
    }
  }
}

/** The rating already stored under this clientId (a retry), if any. */
async function storedRating(ctx: RequestContext, communeId: string, clientId: string) {
  const row = await ctx.db
    .selectFrom('ratings')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row ? { id: row.id, created: false } : null;
}

const UNKNOWN = {
  counterId: 'Quầy không tồn tại.',
  officialId: 'Cán bộ không tồn tại.',
  procedureCode: 'Thủ tục hành chính không tồn tại.',
} as const;

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
