/**
 * The official SIPAS and PAR INDEX results of the city's communes, year by year, with the decision
 * they come from, as the city publishes them. This capability alone writes them (decision 0031):
 * a city-level account enters one, corrects it, deletes it, or imports a year from an XLSX
 * (import.ts); all go through `saveIndices`, with the same rules and the same audit actions
 * (official_indices.create / .update, before and after, one row per result). Every commune reads
 * its own, a city its communes', a national account all.
 */
import { can, vietnamDate } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { audited, recordAudit } from '../audit/service.ts';
import type { DB } from '../db/schema.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { visibleCommuneIds } from '../org/scope.ts';
import * as store from './store.ts';

export const INDEX_KINDS = ['sipas', 'par_index'] as const;
export type IndexKind = (typeof INDEX_KINDS)[number];
export const INDEX_LABELS: Record<IndexKind, string> = {
  sipas: 'Chỉ số hài lòng SIPAS',
  par_index: 'Chỉ số cải cách hành chính PAR INDEX',
};
/** The short name in messages and tables. */
export const INDEX_NAMES: Record<IndexKind, string> = { sipas: 'SIPAS', par_index: 'PAR INDEX' };

const day = (v: unknown) => (v ? String(v).slice(0, 10) : null);

/** A city-level account that keeps the indices (Sở Nội vụ, the city's administrator). */
export function requireCity(actor: Actor) {
  if (actor.communeId !== null || !can(actor.roles, 'indices.manage'))
    throw forbidden('Chỉ tài khoản cấp thành phố (Sở Nội vụ) nhập kết quả chỉ số chính thức.');
}

export async function listIndices(
  db: Kysely<DB>,
  actor: Actor,
  filter: { communeId?: string; year?: number; kind?: IndexKind; id?: string },
) {
  const rows = await store.listRows(db, visibleCommuneIds(db, actor), filter);
  return rows.map((r) => ({
    id: r.id,
    communeId: r.commune_id,
    communeCode: r.commune_code,
    communeName: r.commune_name,
    year: r.year,
    kind: r.index_kind,
    kindLabel: INDEX_LABELS[r.index_kind],
    value: r.value / 100,
    rank: r.rank,
    decision: r.decision,
    decisionDate: day(r.decision_date),
    note: r.note,
    enteredBy: r.entered_by_name ?? '',
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

export interface IndexInput {
  communeId: string;
  year: number;
  kind: IndexKind;
  /** Percent. */
  value: number;
  rank?: number | null;
  decision: string;
  decisionDate?: string | null;
  note?: string;
}

/**
 * The rules every result meets, however it arrives: a percent from 0 to 100 with two decimals at
 * most, a rank a positive whole number, a decision, a decision date not in the future and not
 * before the year it judges. Answers each broken rule as a field and a Vietnamese sentence.
 */
export function indexProblems(
  input: Omit<IndexInput, 'communeId'>,
  today = vietnamDate(new Date()),
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const name = INDEX_NAMES[input.kind];
  if (!Number.isFinite(input.value) || input.value < 0 || input.value > 100)
    out.push({ path: 'value', message: `${name} phải là số từ 0 đến 100.` });
  else if (Math.abs(Math.round(input.value * 100) - input.value * 100) > 1e-6)
    out.push({ path: 'value', message: `${name} ghi tối đa hai chữ số thập phân.` });
  if (input.rank !== null && input.rank !== undefined && (!Number.isInteger(input.rank) || input.rank < 1))
    out.push({ path: 'rank', message: `Xếp hạng ${name} phải là số nguyên dương.` });
  if (!input.decision.trim()) out.push({ path: 'decision', message: 'Thiếu quyết định công bố.' });
  if (input.decisionDate) {
    if (input.decisionDate > today)
      out.push({ path: 'decisionDate', message: 'Ngày quyết định công bố không thể ở tương lai.' });
    else if (Number(input.decisionDate.slice(0, 4)) < input.year)
      out.push({
        path: 'decisionDate',
        message: 'Quyết định công bố chỉ số không thể ban hành trước năm được đánh giá.',
      });
  }
  return out;
}

/**
 * Stores results of the caller's city in one transaction, each with its audit row (created or
 * updated, before and after), so that a commune's history reads the same whether its result was
 * typed or imported. The inputs were checked (indexProblems) and their communes are the city's.
 */
export async function saveIndices(
  ctx: RequestContext,
  inputs: readonly (IndexInput & { cityId: string })[],
  via: 'form' | 'import',
) {
  const actor = ctx.actor!;
  requireCity(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const input of inputs) {
      const before = await store.findByKey(trx, input);
      const row = await store.upsert(trx, {
        city_id: input.cityId,
        commune_id: input.communeId,
        year: input.year,
        index_kind: input.kind,
        value: Math.round(input.value * 100),
        rank: input.rank ?? null,
        decision: input.decision.trim(),
        decision_date: input.decisionDate ?? null,
        note: input.note ?? '',
        entered_by: actor.userId,
      });
      await recordAudit(trx, ctx, {
        action: before ? 'official_indices.update' : 'official_indices.create',
        entityType: 'official_index',
        entityId: row.id,
        communeId: input.communeId,
        before: before ?? null,
        after: { ...row, via },
      });
      ids.push(row.id);
    }
    return ids;
  });
}

/** One result typed in the console (PUT /api/official-indices). */
export async function saveIndex(ctx: RequestContext, input: IndexInput) {
  const actor = ctx.actor!;
  requireCity(actor);
  const commune = await store.communeOfCity(ctx.db, input.communeId, actor.cityId);
  if (!commune) throw notFound('Xã, phường, đặc khu');
  const problems = indexProblems(input);
  if (problems.length > 0) throw badRequest(problems.map((p) => p.message).join(' '), problems);
  const [id] = await saveIndices(ctx, [{ ...input, cityId: commune.city_id }], 'form');
  return (await listIndices(ctx.db, actor, { id }))[0]!;
}

export async function deleteIndex(ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  requireCity(actor);
  const before = await store.findInCity(ctx.db, id, actor.cityId);
  if (!before) throw notFound('Kết quả chỉ số');
  await audited(ctx, async (trx) => {
    await store.remove(trx, before.commune_id, id);
    return {
      result: null,
      audit: {
        action: 'official_indices.delete',
        entityType: 'official_index',
        entityId: id,
        communeId: before.commune_id,
        before,
      },
    };
  });
}
