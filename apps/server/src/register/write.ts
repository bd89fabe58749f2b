import type { Insertable, Transaction, Updateable } from 'kysely';
import { audited } from '../audit/service.ts';
import type { DB } from '../db/schema.ts';
import { conflict } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { type Row, type Table, untyped } from './table.ts';

/**
 * The register kit's writes: every one runs through `audited`, so the change and its audit row
 * (who, what, before, after) commit together or not at all.
 */

export interface AuditOf {
  /** capability.verb, as the audit log shows it: 'outreach.create', 'rewards.award'. */
  action: string;
  /** The audit log's entity type: 'outreach_activity'. */
  entity: string;
}

/** The registers' tables without `updated_at`; every write to the others sets it. */
const NO_UPDATED_AT = new Set<string>(['budget_spendings']);
const stamp = (table: string) => (NO_UPDATED_AT.has(table) ? {} : { updated_at: new Date() });

export async function insertRow<T extends Table>(
  ctx: RequestContext,
  table: T,
  audit: AuditOf,
  values: Insertable<DB[T]> | (Record<string, unknown> & { commune_id: string }),
  options: {
    /** Columns worked out inside the transaction (a line's next number). */
    prepare?: (trx: Transaction<DB>) => Promise<Record<string, unknown>>;
    /** More writes in the same transaction (e.g. the parent's `updated_at`). */
    also?: (trx: Transaction<DB>, row: Row<T>) => Promise<void>;
  } = {},
): Promise<Row<T>> {
  const communeId = (values as { commune_id: string }).commune_id;
  return audited(ctx, async (trx) => {
    const prepared = (await options.prepare?.(trx)) ?? {};
    const row = (await untyped(trx)
      .insertInto(table as string)
      .values({ ...values, ...prepared, ...stamp(table) })
      .returningAll()
      .executeTakeFirstOrThrow()) as Row<T> & { id: string };
    await options.also?.(trx, row);
    return {
      result: row,
      audit: { action: audit.action, entityType: audit.entity, entityId: row.id, communeId, after: row },
    };
  });
}

interface Keyed {
  id: string;
  commune_id: string;
}

/**
 * Changes a row the caller has loaded (`findRow`): the audit row holds it before and after.
 * With `unless`, the change happens only if those columns still hold the loaded values (two
 * leaders deciding at once: the second gets a 409 instead of overwriting the first).
 */
export async function updateRow<T extends Table>(
  ctx: RequestContext,
  table: T,
  audit: AuditOf,
  before: Row<T> & Keyed,
  set: Updateable<DB[T]> | Record<string, unknown>,
  options: {
    unchanged?: readonly (keyof Row<T> & string)[];
    also?: (trx: Transaction<DB>) => Promise<void>;
    /** What a user reads when `unchanged` finds the row changed meanwhile. */
    changedMeanwhile?: string;
  } = {},
): Promise<Row<T>> {
  return audited(ctx, async (trx) => {
    await options.also?.(trx);
    let q = untyped(trx)
      .updateTable(table as string)
      .set({ ...set, ...stamp(table) })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', before.id);
    for (const column of options.unchanged ?? []) {
      const value: unknown = before[column];
      q = q.where(column as string, '=', value);
    }
    const row = (await q.returningAll().executeTakeFirst()) as Row<T> | undefined;
    if (!row)
      throw conflict(options.changedMeanwhile ?? 'Dữ liệu vừa được người khác thay đổi; vui lòng tải lại.');
    return {
      result: row,
      audit: {
        action: audit.action,
        entityType: audit.entity,
        entityId: before.id,
        communeId: before.commune_id,
        before,
        after: row,
      },
    };
  });
}

/** Deletes a row the caller has loaded; the audit row keeps what it held. */
export async function deleteRow<T extends Table>(
  ctx: RequestContext,
  table: T,
  audit: AuditOf,
  before: Row<T> & Keyed,
  also?: (trx: Transaction<DB>) => Promise<void>,
): Promise<void> {
  await audited(ctx, async (trx) => {
    await untyped(trx)
      .deleteFrom(table as string)
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', before.id)
      .execute();
    await also?.(trx);
    return {
      result: null,
      audit: {
        action: audit.action,
        entityType: audit.entity,
        entityId: before.id,
        communeId: before.commune_id,
        before,
      },
    };
  });
}

/**
 * The columns of a write from its input: each input field the mapping names and the input
 * holds (a PATCH leaves out what it does not change; null is a value, it clears).
 */
export function columnsOf<I extends object>(
  input: I,
  mapping: { readonly [K in keyof I]?: string },
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(mapping) as [keyof I & string, string][]) {
    const value = input[key];
    if (value !== undefined && column) out[column] = value;
  }
  return out;
}
