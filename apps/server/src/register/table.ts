import { foldVietnamese } from '@cqtt/domain';
import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool } from 'kysely';
import { containsPattern, foldSql } from '../db/fold.ts';
import type { DB } from '../db/schema.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { yearRange } from '../org/refs.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';

/**
 * The register kit's SQL: how a commune's yearly list (outreach activities, rewards, budget
 * estimates, units...) is scoped to the communes a user sees, filtered, searched without
 * diacritics, ordered and paged. A register describes its table once (`RegisterTable`); the
 * queries are written here once.
 */

export type Table = {
  [K in keyof DB & string]: DB[K] extends { commune_id: unknown; id: unknown } ? K : never;
}[keyof DB & string];
export type Column<T extends Table> = keyof DB[T] & string;
export type Row<T extends Table> = Selectable<DB[T]>;

// The kit builds queries on any register's table: Kysely cannot type a table chosen at run
// time, so the SQL below is written against an untyped view of the same database.
// biome-ignore lint/suspicious/noExplicitAny: see above.
type AnyDB = Kysely<any>;
// biome-ignore lint/suspicious/noExplicitAny: see above.
type AnyEB = ExpressionBuilder<any, any>;
export const untyped = (db: Kysely<DB>) => db as unknown as AnyDB;

export interface RegisterTable<T extends Table> {
  table: T;
  /** The record as a user names it, for "… không tồn tại hoặc bạn không có quyền xem." */
  noun: string;
  /** The year filter: a column holding the year, or a date column within it. */
  year?: { column: Column<T>; kind: 'year' | 'date' };
  /** Equality filters of the list: query key → column (several columns: any of them matches). */
  filters?: Readonly<Record<string, Column<T> | readonly Column<T>[]>>;
  /** Text columns a search looks in, folded (no diacritics, any case). */
  search?: readonly Column<T>[];
  /** More places a search looks in (e.g. the village's name); `pattern` is the folded LIKE pattern. */
  searchAlso?: (eb: AnyEB, pattern: string) => Expression<SqlBool>[];
  order: readonly (readonly [Column<T>, 'asc' | 'desc'])[];
}

/** The communes a list reads: one commune (resolved once per request) or all the user sees. */
export type Scope = { communeId: string } | { visible: true };

/**
 * A list's scope from its `communeId` query: a commune user's own commune (another answers 404);
 * a city user's chosen commune, or all communes of the city when none is chosen.
 */
export async function listScope(ctx: RequestContext, communeId: string | undefined): Promise<Scope> {
  return communeId ? { communeId: await resolveCommuneId(ctx.db, ctx.actor!, communeId) } : { visible: true };
}

export interface ListFilter {
  year?: number;
  q?: string;
  [key: string]: unknown;
}

function filtered<T extends Table>(ctx: RequestContext, reg: RegisterTable<T>, scope: Scope, f: ListFilter) {
  const db = untyped(ctx.db);
  const from: string = `${reg.table} as r`;
  let q = db.selectFrom(from);
  q =
    'communeId' in scope
      ? q.where('r.commune_id', '=', scope.communeId)
      : q.where('r.commune_id', 'in', visibleCommuneIds(ctx.db, ctx.actor!));
  if (reg.year && f.year) {
    const column: string = `r.${reg.year.column}`;
    if (reg.year.kind === 'year') q = q.where(column, '=', f.year);
    else {
      const [from, to] = yearRange(f.year);
      q = q.where(column, '>=', from).where(column, '<', to);
    }
  }
  for (const [key, columns] of Object.entries(reg.filters ?? {})) {
    const value = f[key];
    if (value === undefined || value === null || value === '') continue;
    const list: readonly string[] = typeof columns === 'string' ? [columns] : columns;
    q = q.where((eb) => eb.or(list.map((c) => eb(`r.${c}`, '=', value))));
  }
  const needle = f.q ? foldVietnamese(f.q.trim()) : '';
  if (needle && (reg.search || reg.searchAlso)) {
    const pattern = containsPattern(needle);
    q = q.where((eb) =>
      eb.or([
        ...(reg.search ?? []).map((c) => eb(foldSql(eb.ref(`r.${c}`)), 'like', pattern)),
        ...(reg.searchAlso?.(eb, pattern) ?? []),
      ]),
    );
  }
  return q;
}

function ordered<T extends Table>(reg: RegisterTable<T>, q: ReturnType<typeof filtered>) {
  let out = q.selectAll('r');
  for (const [column, direction] of reg.order) out = out.orderBy(`r.${column}`, direction);
  // the same order every time, even where the described columns tie
  return out.orderBy('r.id');
}

export interface RowPage<R> {
  rows: R[];
  total: number;
  page: number;
  pageSize: number;
}

/** One page of the register's rows that match, and how many match in all. */
export async function listPage<T extends Table>(
  ctx: RequestContext,
  reg: RegisterTable<T>,
  scope: Scope,
  filter: ListFilter & { page: number; pageSize: number },
): Promise<RowPage<Row<T>>> {
  const base = filtered(ctx, reg, scope, filter);
  const [rows, count] = await Promise.all([
    ordered(reg, base)
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as Row<T>[], total: Number(count.n), page: filter.page, pageSize: filter.pageSize };
}

/** Every row that matches (exports, a year's table); never more than `max`, which is refused, not cut. */
export async function listAll<T extends Table>(
  ctx: RequestContext,
  reg: RegisterTable<T>,
  scope: Scope,
  filter: ListFilter,
  max = EXPORT_MAX,
): Promise<Row<T>[]> {
  const rows = (await ordered(reg, filtered(ctx, reg, scope, filter))
    .limit(max + 1)
    .execute()) as Row<T>[];
  if (rows.length > max) {
    throw badRequest(
      `Danh sách có hơn ${max.toLocaleString('vi-VN')} dòng; vui lòng lọc theo năm, đơn vị hoặc từ khóa rồi tải lại.`,
    );
  }
  return rows;
}

/** The most rows a download holds; a larger one is refused with a hint to narrow the filter. */
export const EXPORT_MAX = 20_000;

/** A row of a commune the user sees, or a Vietnamese 404 (another commune's rows do not exist). */
export async function findRow<T extends Table>(
  ctx: RequestContext,
  reg: Pick<RegisterTable<T>, 'table' | 'noun'>,
  id: string,
): Promise<Row<T>> {
  const table: string = reg.table;
  const row = await untyped(ctx.db)
    .selectFrom(table)
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', visibleCommuneIds(ctx.db, ctx.actor!))
    .executeTakeFirst();
  if (!row) throw notFound(reg.noun);
  return row as Row<T>;
}
