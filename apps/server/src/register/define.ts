import type { Page } from '@cqtt/contract/shared';
import type { FastifyReply } from 'fastify';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { RequestContext } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { communeName } from '../org/store.ts';
import { sendXlsx, type XlsxDescription } from './export.ts';
import { checkRefs } from './refs.ts';
import {
  findRow,
  type ListFilter,
  listAll,
  listPage,
  listScope,
  type RegisterTable,
  type Row,
  type Table,
} from './table.ts';
import { columnsOf, deleteRow, insertRow, updateRow } from './write.ts';

/**
 * A register from a small description: its table (what the list filters, searches and orders
 * by), the fields a form writes, how a row is shown, and the few rules of its own. Out come the
 * use cases every register has, each scoped to the user's commune and audited:
 * list (paged), all (for a download), get, create, update, remove, change (a status), xlsx.
 *
 * What truly differs stays with the capability: `guard` (who may write which row), `check`
 * (domain rules, e.g. packages/domain), `created` (columns a new row gets), or a use case of its
 * own in `<verb-noun>.ts` built on `find` and `change`.
 */
export interface RegisterSpec<T extends Table, V, I extends object, D = V> extends RegisterTable<T> {
  audit: { entity: string; create?: string; update?: string; remove?: string };
  /** Body field → column, for create and update. unitId, villageId and fileIds are checked against the commune. */
  fields: { readonly [K in keyof I]?: keyof DB[T] & string };
  /** The rows as the API lists them (one query per kind of reference, whatever the number of rows). */
  view: (ctx: RequestContext, rows: Row<T>[]) => Promise<V[]>;
  /** One record as get, create, update and change answer it, when more than its list's row (its lines). */
  detail?: (ctx: RequestContext, row: Row<T>) => Promise<D>;
  /** Who may write this row beyond the route's permission; throws forbidden (or a 400 for a closed row). */
  guard?: (
    ctx: RequestContext,
    write: 'create' | 'update' | 'remove',
    before?: Row<T>,
  ) => void | Promise<void>;
  /** Rules of the capability on the input; may return more columns to write. */
  check?: (
    ctx: RequestContext,
    communeId: string,
    input: Partial<I>,
    before?: Row<T>,
  ) => Promise<Record<string, unknown> | undefined> | Record<string, unknown> | undefined;
  /** Columns a new row gets beyond its fields: who recorded it, defaults. */
  created?: (ctx: RequestContext, communeId: string, input: I) => Record<string, unknown>;
  /** Refuses a removal (a record others still point to). */
  beforeRemove?: (ctx: RequestContext, row: Row<T>) => Promise<void>;
}

export interface ListQuery extends ListFilter {
  communeId?: string;
  page: number;
  pageSize: number;
}

export function defineRegister<T extends Table, V, I extends object, D = V>(spec: RegisterSpec<T, V, I, D>) {
  const show = async (ctx: RequestContext, row: Row<T>): Promise<D> =>
    spec.detail ? spec.detail(ctx, row) : ((await spec.view(ctx, [row]))[0] as D);
  const auditOf = (action: string | undefined, verb: string) => ({
    entity: spec.audit.entity,
    action: action ?? `${spec.audit.entity}.${verb}`,
  });
  const keyed = (row: Row<T>) => row as Row<T> & { id: string; commune_id: string };

  async function written(ctx: RequestContext, communeId: string, input: Partial<I>, before?: Row<T>) {
    const refs = await checkRefs(ctx.db, communeId, input as Parameters<typeof checkRefs>[2]);
    const extra = await spec.check?.(ctx, communeId, input, before);
    return { ...columnsOf({ ...input, ...refs } as I, spec.fields), ...extra };
  }

  const register = {
    spec,
    find: (ctx: RequestContext, id: string) => findRow(ctx, spec, id),
    view: spec.view,

    async list(ctx: RequestContext, query: ListQuery): Promise<Page<V>> {
      const { rows, ...page } = await listPage(ctx, spec, await listScope(ctx, query.communeId), query);
      return { ...page, items: await spec.view(ctx, rows) };
    },

    /** Every matching row of one commune (a city user names it), for a download. */
    async all(ctx: RequestContext, query: ListFilter & { communeId?: string }) {
      const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
      return { communeId, items: await spec.view(ctx, await listAll(ctx, spec, { communeId }, query)) };
    },

    async xlsx<Q extends ListFilter & { communeId?: string }>(
      ctx: RequestContext,
      query: Q,
      reply: FastifyReply,
      description: XlsxDescription<V, Q>,
    ) {
      const { communeId, items } = await register.all(ctx, query);
      return sendXlsx(reply, description, items, { name: await communeName(ctx.db, communeId) }, query);
    },

    get: async (ctx: RequestContext, id: string) => show(ctx, await findRow(ctx, spec, id)),

    async create(ctx: RequestContext, input: I & { communeId?: string }) {
      await spec.guard?.(ctx, 'create');
      const communeId = await resolveCommuneId(ctx.db, ctx.actor!, input.communeId);
      const values = {
        ...(await written(ctx, communeId, input)),
        ...spec.created?.(ctx, communeId, input),
        commune_id: communeId,
      };
      const row = await insertRow(ctx, spec.table, auditOf(spec.audit.create, 'create'), values);
      return show(ctx, row);
    },

    async update(ctx: RequestContext, id: string, input: Partial<I>) {
      const before = await findRow(ctx, spec, id);
      await spec.guard?.(ctx, 'update', before);
      const set = await written(ctx, keyed(before).commune_id, input, before);
      return register.change(ctx, before, set, spec.audit.update ?? `${spec.audit.entity}.update`);
    },

    async remove(ctx: RequestContext, id: string) {
      const before = await findRow(ctx, spec, id);
      await spec.guard?.(ctx, 'remove', before);
      await spec.beforeRemove?.(ctx, before);
      await deleteRow(ctx, spec.table, auditOf(spec.audit.remove, 'delete'), keyed(before));
    },

    /** A change of a loaded row under its own audit action (a status, a decision, a comment). */
    async change(
      ctx: RequestContext,
      before: Row<T>,
      set: Record<string, unknown>,
      action: string,
      options: {
        unchanged?: readonly (keyof Row<T> & string)[];
        also?: (trx: Transaction<DB>) => Promise<void>;
      } = {},
    ) {
      const row = await updateRow(ctx, spec.table, auditOf(action, 'update'), keyed(before), set, {
        changedMeanwhile: `${spec.noun} vừa được người khác thay đổi; vui lòng tải lại.`,
        ...options,
      });
      return show(ctx, row);
    },
  };
  return register;
}
