/**
 * The lines a commune asks the city budget to fund (decision 0030): issuing the tờ trình
 * (documents, kind budget-proposal) proposes the year's city lines; a city account of the
 * commune's own city approves each with an amount or refuses it with a reason; the commune sees
 * the outcome on its estimate. The commune's chairman approves only the lines the commune funds.
 */
import type { CityBudgetLine, CityFunding } from '@cqtt/contract/budget';
import type { Page } from '@cqtt/contract/shared';
import {
  CITY_LINE_STATUS_LABELS,
  type CityDecision,
  type CityLineStatus,
  cityDecisionProblem,
  documentNumber,
} from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { audited } from '../audit/service.ts';
import type { DB } from '../db/schema.ts';
import type { DocumentRow } from '../documents/kind.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { visibleCommuneIds } from '../org/scope.ts';
import { findCommune } from '../org/store.ts';
import type { Refs } from '../register/refs.ts';
import { touch } from './store.ts';

type LineCityColumns = {
  source: 'commune' | 'city' | 'other';
  city_status: CityLineStatus | null;
  proposal_document_id: string | null;
  city_reason: string;
  city_decided_at: Date | null;
  city_decided_by: string | null;
};

export interface ProposalRef {
  id: string;
  number: string;
  issuedOn: string;
}

/** The issued tờ trình lines name, by id. */
export async function proposalsOf(
  db: Kysely<DB>,
  lines: readonly { commune_id: string; proposal_document_id: string | null }[],
): Promise<Map<string, ProposalRef>> {
  const ids = [...new Set(lines.flatMap((l) => (l.proposal_document_id ? [l.proposal_document_id] : [])))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'number', 'symbol', 'issued_on'])
    .where('id', 'in', ids)
    .where('commune_id', 'in', [...new Set(lines.map((l) => l.commune_id))])
    .execute();
  return new Map(
    rows.map((d) => [
      d.id,
      {
        id: d.id,
        number: d.number === null ? '' : documentNumber(d.number, d.symbol),
        issuedOn: d.issued_on ? String(d.issued_on).slice(0, 10) : '',
      },
    ]),
  );
}

/** What the city did with a line it funds; null for the commune's and other sources. */
export function cityFunding(
  line: LineCityColumns,
  proposals: Map<string, ProposalRef>,
  refs: Pick<Refs, 'user'>,
): CityFunding | null {
  if (line.source !== 'city') return null;
  const status = line.city_status ?? 'not_proposed';
  return {
    status,
    statusLabel: CITY_LINE_STATUS_LABELS[status],
    proposal: line.proposal_document_id ? (proposals.get(line.proposal_document_id) ?? null) : null,
    reason: line.city_reason,
    decidedAt: line.city_decided_at ? new Date(line.city_decided_at).toISOString() : null,
    decidedBy: refs.user(line.city_decided_by),
  };
}

/**
 * Issuing the tờ trình proposes the estimate's city lines, linked to it (inside the issuing
 * transaction, audited with the issue). A corrected tờ trình proposes again those not yet funded.
 */
export async function proposeCityLines(trx: Kysely<DB>, doc: DocumentRow): Promise<void> {
  if (!doc.record_id) return;
  await trx
    .updateTable('budget_lines')
    .set({
      city_status: 'proposed',
      proposal_document_id: doc.id,
      city_reason: '',
      city_decided_at: null,
      city_decided_by: null,
      updated_at: new Date(),
    })
    .where('commune_id', '=', doc.commune_id)
    .where('estimate_id', '=', doc.record_id)
    .where('source', '=', 'city')
    .where((eb) => eb.or([eb('city_status', 'is', null), eb('city_status', '!=', 'approved')]))
    .execute();
}

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('budget_lines as l')
    .innerJoin('budget_estimates as e', (j) =>
      j.onRef('e.commune_id', '=', 'l.commune_id').onRef('e.id', '=', 'l.estimate_id'),
    )
    .innerJoin('communes as c', 'c.id', 'l.commune_id')
    .selectAll('l')
    .select(['e.year', 'c.name as commune_name']);
}
type CityLineRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

async function views(db: Kysely<DB>, rows: CityLineRow[]): Promise<CityBudgetLine[]> {
  const proposals = await proposalsOf(db, rows);
  const userIds = [...new Set(rows.flatMap((r) => (r.city_decided_by ? [r.city_decided_by] : [])))];
  const users =
    userIds.length > 0
      ? await db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', userIds).execute()
      : [];
  const byId = new Map(users.map((u) => [u.id, { id: u.id, fullName: u.full_name }]));
  const refs = { user: (id: string | null) => (id ? (byId.get(id) ?? null) : null) };
  return rows.map((r) => ({
    id: r.id,
    commune: { id: r.commune_id, name: r.commune_name },
    year: r.year,
    number: r.number,
    content: r.content,
    amount: Number(r.amount),
    approvedAmount: r.approved_amount === null ? null : Number(r.approved_amount),
    note: r.note,
    city: cityFunding(r, proposals, refs)!,
  }));
}

/** The proposed lines of the communes the actor sees (a city its own; never a draft's). */
export async function cityLines(
  ctx: RequestContext,
  query: {
    year?: number | undefined;
    status?: CityLineStatus | undefined;
    communeId?: string | undefined;
    page: number;
    pageSize: number;
  },
): Promise<Page<CityBudgetLine>> {
  const actor = ctx.actor!;
  // a commune the actor does not see is not found, as on every route (not an empty list)
  if (query.communeId && !(await findCommune(ctx.db, actor, query.communeId)))
    throw notFound('Xã, phường, đặc khu');
  let q = baseQuery(ctx.db)
    .where('l.commune_id', 'in', visibleCommuneIds(ctx.db, actor))
    .where('l.source', '=', 'city')
    .where('l.city_status', 'is not', null);
  if (query.year !== undefined) q = q.where('e.year', '=', query.year);
  if (query.status) q = q.where('l.city_status', '=', query.status);
  if (query.communeId) q = q.where('l.commune_id', '=', query.communeId);
  const [rows, count] = await Promise.all([
    q
      .orderBy('e.year', 'desc')
      .orderBy('c.name')
      .orderBy('l.number')
      .orderBy('l.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: await views(ctx.db, rows),
    total: Number(count.n),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The city approves a proposed line with its amount, or refuses it with the reason; audited. */
export async function decideCityLine(ctx: RequestContext, id: string, input: CityDecision) {
  const actor = ctx.actor!;
  if (actor.communeId !== null) throw forbidden('Chỉ tài khoản cấp thành phố quyết định bố trí kinh phí.');
  const line = await baseQuery(ctx.db)
    .where('l.id', '=', id)
    .where('l.commune_id', 'in', visibleCommuneIds(ctx.db, actor))
    .executeTakeFirst();
  if (!line) throw notFound('Dòng dự toán');
  const problem = cityDecisionProblem(
    { source: line.source, cityStatus: line.city_status, amount: Number(line.amount) },
    input,
  );
  if (problem) throw badRequest(problem.message, [problem]);
  const approve = input.decision === 'approve';
  return audited(ctx, async (trx) => {
    // decided once: a second decision at the same moment finds the line no longer proposed
    const changed = await trx
      .updateTable('budget_lines')
      .set({
        city_status: approve ? 'approved' : 'refused',
        approved_amount: approve ? input.approvedAmount! : null,
        city_reason: (input.reason ?? '').trim(),
        city_decided_at: new Date(),
        city_decided_by: actor.userId,
        updated_at: new Date(),
      })
      .where('commune_id', '=', line.commune_id)
      .where('id', '=', line.id)
      .where('city_status', '=', 'proposed')
      .returning('id')
      .executeTakeFirst();
    if (!changed) throw conflict('Dòng kinh phí này vừa được quyết định; vui lòng tải lại.');
    await touch(trx, { commune_id: line.commune_id, id: line.estimate_id });
    const after = await baseQuery(trx).where('l.id', '=', line.id).executeTakeFirstOrThrow();
    return {
      result: (await views(trx, [after]))[0]!,
      audit: {
        action: approve ? 'budget.city_approve' : 'budget.city_refuse',
        entityType: 'budget_line',
        entityId: line.id,
        communeId: line.commune_id,
        before: { cityStatus: line.city_status, approvedAmount: line.approved_amount },
        after: {
          cityStatus: after.city_status,
          approvedAmount: after.approved_amount,
          reason: after.city_reason,
        },
      },
    };
  });
}
