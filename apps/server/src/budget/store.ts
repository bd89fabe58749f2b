import type { Kysely, Transaction } from 'kysely';
import { foldSql } from '../db/fold.ts';
import type { DB } from '../db/schema.ts';
import type { RegisterTable } from '../register/table.ts';

/** All SQL of budget: its estimates as a register, their lines and spendings, the sums. */

export const estimateTable: RegisterTable<'budget_estimates'> = {
  table: 'budget_estimates',
  noun: 'Dự toán kinh phí',
  year: { column: 'year', kind: 'year' },
  filters: { unitId: 'unit_id' },
  search: ['title'],
  // "may lay so" finds the estimate with a line for the number machine
  searchAlso: (eb, pattern) => [
    eb.exists(
      eb
        .selectFrom('budget_lines as l')
        .select('l.id')
        .whereRef('l.commune_id', '=', 'r.commune_id')
        .whereRef('l.estimate_id', '=', 'r.id')
        .where((sub) => sub(foldSql(sub.ref('l.content')), 'like', pattern)),
    ),
  ],
  order: [['year', 'desc']],
};
export const lineTable = { table: 'budget_lines', noun: 'Dòng dự toán' } as const;
export const spendingTable = { table: 'budget_spendings', noun: 'Khoản chi' } as const;

/** The lines of estimates with what was spent on each (up to a day, when given). */
export function linesOf(db: Kysely<DB>, communeIds: string[], estimateIds: string[], until?: string) {
  if (estimateIds.length === 0 || communeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('budget_lines as l')
    .selectAll('l')
    .select((eb) => {
      let spent = eb
        .selectFrom('budget_spendings as s')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('s.amount'), e.val(0)).as('total'))
        .whereRef('s.commune_id', '=', 'l.commune_id')
        .whereRef('s.line_id', '=', 'l.id');
      if (until) spent = spent.where('s.spent_on', '<=', until);
      return spent.as('spent');
    })
    .where('l.commune_id', 'in', communeIds)
    .where('l.estimate_id', 'in', estimateIds)
    .orderBy('l.number')
    .execute();
}
export type LineRow = Awaited<ReturnType<typeof linesOf>>[number];

/** The spendings of lines, in the order they were spent. */
export function spendingsOf(db: Kysely<DB>, communeId: string, lineIds: string[]) {
  if (lineIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('budget_spendings')
    .selectAll()
    .where('commune_id', '=', communeId)
    .where('line_id', 'in', lineIds)
    .orderBy('spent_on')
    .orderBy('created_at')
    .execute();
}

/** A commune's estimate of a year (there is one at most). */
export function estimateOfYear(db: Kysely<DB>, communeId: string, year: number) {
  return db
    .selectFrom('budget_estimates')
    .select(['id', 'status'])
    .where('commune_id', '=', communeId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** The next line number of an estimate. */
export async function nextLineNumber(trx: Transaction<DB>, estimate: { commune_id: string; id: string }) {
  const last = await trx
    .selectFrom('budget_lines')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('commune_id', '=', estimate.commune_id)
    .where('estimate_id', '=', estimate.id)
    .executeTakeFirst();
  return Number(last?.n ?? 0) + 1;
}

/** An estimate changed when one of its lines or spendings did. */
export async function touch(trx: Kysely<DB>, estimate: { commune_id: string; id: string }) {
  await trx
    .updateTable('budget_estimates')
    .set({ updated_at: new Date() })
    .where('commune_id', '=', estimate.commune_id)
    .where('id', '=', estimate.id)
    .execute();
}

/**
 * A line's approved amount and what was spent on it, the line locked until the transaction
 * ends: two spendings at once cannot both pass the over-spending check.
 */
export async function lockedBalance(trx: Transaction<DB>, line: { commune_id: string; id: string }) {
  const locked = await trx
    .selectFrom('budget_lines')
    .select(['approved_amount'])
    .where('commune_id', '=', line.commune_id)
    .where('id', '=', line.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const spent = await trx
    .selectFrom('budget_spendings')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.val(0)).as('total'))
    .where('commune_id', '=', line.commune_id)
    .where('line_id', '=', line.id)
    .executeTakeFirstOrThrow();
  return {
    approvedAmount: locked.approved_amount === null ? null : Number(locked.approved_amount),
    spent: Number(spent.total),
  };
}

/** Writes the approved amount of every line of an estimate. */
export async function approveLines(
  trx: Transaction<DB>,
  communeId: string,
  amounts: ReadonlyMap<string, number>,
) {
  for (const [lineId, approved] of amounts) {
    await trx
      .updateTable('budget_lines')
      .set({ approved_amount: approved, updated_at: new Date() })
      .where('commune_id', '=', communeId)
      .where('id', '=', lineId)
      .execute();
  }
}
