/**
 * The commune's wording of “4 xin, 4 luôn, 5 không” (decision 0030): one row of commune_settings,
 * the default wording while it is empty. Every page, figure and document that shows the items
 * reads it from here: the citizens' pages, the rating form, the satisfaction dashboard.
 */
import type { ConductCode } from '@cqtt/contract/outreach';
import {
  CONDUCT_TITLE,
  type ConductWording,
  conductCodeOf,
  conductWordingProblems,
  DEFAULT_CONDUCT_WORDING,
} from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { audited } from '../audit/service.ts';
import type { DB } from '../db/schema.ts';
import { badRequest } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';

interface Stored {
  wording: ConductWording;
  isDefault: boolean;
  updatedAt: string | null;
}

function isWording(value: unknown): value is ConductWording {
  const v = value as ConductWording | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    (['xin', 'luon', 'khong'] as const).every(
      (g) => Array.isArray(v[g]) && v[g].every((s) => typeof s === 'string'),
    )
  );
}

/** The commune's wording, or the default one. */
export async function conductWordingOf(db: Kysely<DB>, communeId: string): Promise<Stored> {
  const row = await db
    .selectFrom('commune_settings')
    .select(['conduct_wording', 'updated_at'])
    .where('commune_id', '=', communeId)
    .executeTakeFirst();
  const stored = row?.conduct_wording;
  if (!isWording(stored)) return { wording: DEFAULT_CONDUCT_WORDING, isDefault: true, updatedAt: null };
  return { wording: stored, isDefault: false, updatedAt: new Date(row!.updated_at).toISOString() };
}

/** The items with their keys, in the commune's words (what the rating checks and tallies use). */
export async function conductCodeOfCommune(db: Kysely<DB>, communeId: string) {
  return conductCodeOf((await conductWordingOf(db, communeId)).wording);
}

export function conductView(stored: Stored): ConductCode {
  const code = conductCodeOf(stored.wording);
  return {
    title: CONDUCT_TITLE,
    xin: code.xin,
    luon: code.luon,
    khong: code.khong,
    isDefault: stored.isDefault,
    updatedAt: stored.updatedAt,
  };
}

export async function getConduct(ctx: RequestContext, requested: string | undefined) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, requested);
  return conductView(await conductWordingOf(ctx.db, communeId));
}

/** Rewords the code (or returns to the default with `null`); audited with the words before and after. */
export async function setConduct(
  ctx: RequestContext,
  requested: string | undefined,
  input: ConductWording | null,
) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, requested);
  const wording = input && {
    xin: input.xin.map((s) => s.trim()),
    luon: input.luon.map((s) => s.trim()),
    khong: input.khong.map((s) => s.trim()),
  };
  if (wording) {
    const problems = conductWordingProblems(wording);
    if (problems.length) throw badRequest(problems[0]!.message, problems);
  }
  const before = await conductWordingOf(ctx.db, communeId);
  return audited(ctx, async (trx) => {
    const set = {
      conduct_wording: wording ? JSON.stringify(wording) : null,
      conduct_updated_by: ctx.actor!.userId,
      updated_at: new Date(),
    };
    await trx
      .insertInto('commune_settings')
      .values({ commune_id: communeId, ...set })
      .onConflict((oc) => oc.column('commune_id').doUpdateSet(set))
      .execute();
    const after = await conductWordingOf(trx, communeId);
    return {
      result: conductView(after),
      audit: {
        action: wording ? 'outreach.conduct.update' : 'outreach.conduct.reset',
        entityType: 'commune',
        entityId: communeId,
        communeId,
        before: before.wording,
        after: after.wording,
      },
    };
  });
}
