import { foldVietnamese, submissionOnTime, vietnamDate } from '@cqtt/domain';
import type { CommuneKind } from '@cqtt/domain/org/roles';
import { STATUS_LABELS } from '../criteria/assessments.ts';
import { summarize } from '../criteria/figures.ts';
import type { RequestContext } from '../http/route.ts';
import { cellKey } from '../measures/registry.ts';
import * as store from './store.ts';

/**
 * The files sent to the city: when each was (last) sent, on time before 12/11 or late, its total
 * and level now, its rounds of "return for more material". Oldest submission first.
 */
export async function appraisalQueue(
  ctx: RequestContext,
  q: {
    year?: number;
    status?: 'submitted' | 'returned' | 'recognised';
    onTime?: 'yes' | 'no';
    kind?: CommuneKind;
    q?: string;
  },
) {
  const rows = await store.appraisalRows(ctx.db, ctx.actor!, q);
  const ids = rows.map((r) => r.id);
  const [summaries, rounds, registrations] = await Promise.all([
    summarize(ctx.db, rows, vietnamDate(new Date())),
    store.roundCounts(ctx.db, ids),
    store.registrationsOf(
      ctx.db,
      [...new Set(rows.map((r) => r.commune_id))],
      [...new Set(rows.map((r) => r.year))],
    ),
  ]);
  const registered = new Map(registrations.map((r) => [cellKey(r.commune_id, r.year), r.target_level]));
  const words = q.q ? foldVietnamese(q.q).split(' ').filter(Boolean) : [];
  return rows
    .map((r) => {
      const s = summaries.get(r.id)!;
      const onTime =
        r.submitted_at && r.status !== 'returned' ? submissionOnTime(new Date(r.submitted_at), r.year) : null;
      const round = rounds.get(r.id);
      return {
        assessmentId: r.id,
        communeId: r.commune_id,
        communeCode: r.code,
        communeName: r.name,
        kind: r.kind,
        year: r.year,
        status: r.status,
        statusLabel: STATUS_LABELS[r.status],
        submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
        submittedOnTime: onTime,
        total: s.total,
        selfLevel: s.level,
        registeredLevel: registered.get(cellKey(r.commune_id, r.year)) ?? null,
        recognisedLevel: r.recognised_level,
        rounds: round?.n ?? 0,
        openRequest: round?.open ?? null,
      };
    })
    .filter((r) => q.onTime === undefined || r.submittedOnTime === (q.onTime === 'yes'))
    .filter((r) => {
      if (words.length === 0) return true;
      const hay = foldVietnamese(`${r.communeName} ${r.communeCode}`);
      return words.every((w) => hay.includes(w));
    });
}
