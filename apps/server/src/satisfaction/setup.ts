import type { Kysely } from 'kysely';
import { audited } from '../audit/service.ts';
import type { DB } from '../db/schema.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { managedCommune } from './access.ts';

// The service centre's counters, the officials who staff them and the procedures it handles.

export async function listCounters(db: Kysely<DB>, communeId: string) {
  const counters = await db
    .selectFrom('service_counters')
    .selectAll()
    .where('commune_id', '=', communeId)
    .orderBy('number')
    .execute();
  const officials = await listOfficials(db, communeId);
  return counters.map((c) => ({
    id: c.id,
    number: c.number,
    name: c.name,
    isActive: c.is_active,
    officials: officials
      .filter((o) => o.counterId === c.id && o.isActive)
      .map((o) => ({ id: o.id, fullName: o.fullName, title: o.title })),
  }));
}

export async function listOfficials(db: Kysely<DB>, communeId: string) {
  const rows = await db
    .selectFrom('service_officials as o')
    .leftJoin('users as u', 'u.id', 'o.user_id')
    .select(['o.id', 'o.full_name', 'o.title', 'o.user_id', 'u.username', 'o.counter_id', 'o.is_active'])
    .where('o.commune_id', '=', communeId)
    .orderBy('o.full_name')
    .execute();
  return rows.map((o) => ({
    id: o.id,
    fullName: o.full_name,
    title: o.title,
    userId: o.user_id,
    username: o.username ?? null,
    counterId: o.counter_id,
    isActive: o.is_active,
  }));
}

export async function listProcedures(db: Kysely<DB>, communeId: string) {
  const rows = await db
    .selectFrom('procedures')
    .selectAll()
    .where('commune_id', '=', communeId)
    .orderBy('field')
    .orderBy('code')
    .execute();
  return rows.map((p) => ({ id: p.id, code: p.code, name: p.name, field: p.field, isActive: p.is_active }));
}

/** Refuses (400) a counter that is not the commune's. */
export async function checkCounter(db: Kysely<DB>, communeId: string, counterId: string | null | undefined) {
  if (!counterId) return;
  const row = await db
    .selectFrom('service_counters')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('id', '=', counterId)
    .executeTakeFirst();
  if (!row) throw badRequest('Quầy không tồn tại.', [{ path: 'counterId', message: 'Quầy không tồn tại.' }]);
}

async function checkUser(db: Kysely<DB>, communeId: string, userId: string | null | undefined) {
  if (!userId) return;
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) {
    throw badRequest('Tài khoản không tồn tại.', [{ path: 'userId', message: 'Tài khoản không tồn tại.' }]);
  }
}

async function unique<T>(work: () => Promise<T>, message: string): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw conflict(message);
    throw e;
  }
}

export interface CounterInput {
  communeId?: string;
  number: number;
  name: string;
  isActive?: boolean;
}

export async function createCounter(ctx: RequestContext, input: CounterInput) {
  const communeId = await managedCommune(ctx, input.communeId);
  return unique(
    () =>
      audited(ctx, async (trx) => {
        const row = await trx
          .insertInto('service_counters')
          .values({
            commune_id: communeId,
            number: input.number,
            name: input.name,
            is_active: input.isActive ?? true,
            updated_at: new Date(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return {
          result: { id: row.id },
          audit: {
            action: 'counters.create',
            entityType: 'service_counter',
            entityId: row.id,
            communeId,
            after: row,
          },
        };
      }),
    `Quầy số ${input.number} đã có.`,
  );
}

async function counterOf(ctx: RequestContext, id: string) {
  const row = await ctx.db
    .selectFrom('service_counters')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', communesOf(ctx))
    .executeTakeFirst();
  if (!row) throw notFound('Quầy');
  await managedCommune(ctx, row.commune_id);
  return row;
}

/** The communes whose rows a user may address by id. */
export function communesOf(ctx: RequestContext) {
  const a = ctx.actor!;
  return a.communeId
    ? ctx.db.selectFrom('communes').select('id').where('id', '=', a.communeId)
    : ctx.db.selectFrom('communes').select('id').where('city_id', '=', a.cityId);
}

export async function updateCounter(ctx: RequestContext, id: string, input: Partial<CounterInput>) {
  const before = await counterOf(ctx, id);
  return unique(
    () =>
      audited(ctx, async (trx) => {
        const after = await trx
          .updateTable('service_counters')
          .set({
            ...(input.number !== undefined ? { number: input.number } : {}),
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
            updated_at: new Date(),
          })
          .where('commune_id', '=', before.commune_id)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return {
          result: { id },
          audit: {
            action: 'counters.update',
            entityType: 'service_counter',
            entityId: id,
            communeId: before.commune_id,
            before,
            after,
          },
        };
      }),
    `Quầy số ${input.number} đã có.`,
  );
}

export interface OfficialInput {
  communeId?: string;
  fullName: string;
  title?: string;
  userId?: string | null;
  counterId?: string | null;
  isActive?: boolean;
}

export async function createOfficial(ctx: RequestContext, input: OfficialInput) {
  const communeId = await managedCommune(ctx, input.communeId);
  await checkCounter(ctx.db, communeId, input.counterId);
  await checkUser(ctx.db, communeId, input.userId);
  return unique(
    () =>
      audited(ctx, async (trx) => {
        const row = await trx
          .insertInto('service_officials')
          .values({
            commune_id: communeId,
            full_name: input.fullName,
            title: input.title ?? '',
            user_id: input.userId ?? null,
            counter_id: input.counterId ?? null,
            is_active: input.isActive ?? true,
            updated_at: new Date(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return {
          result: { id: row.id },
          audit: {
            action: 'service_officials.create',
            entityType: 'service_official',
            entityId: row.id,
            communeId,
            after: row,
          },
        };
      }),
    'Tài khoản này đã gắn với một cán bộ khác.',
  );
}

export async function updateOfficial(ctx: RequestContext, id: string, input: Partial<OfficialInput>) {
  const before = await ctx.db
    .selectFrom('service_officials')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', communesOf(ctx))
    .executeTakeFirst();
  if (!before) throw notFound('Cán bộ');
  const communeId = await managedCommune(ctx, before.commune_id);
  await checkCounter(ctx.db, communeId, input.counterId);
  await checkUser(ctx.db, communeId, input.userId);
  return unique(
    () =>
      audited(ctx, async (trx) => {
        const after = await trx
          .updateTable('service_officials')
          .set({
            ...(input.fullName !== undefined ? { full_name: input.fullName } : {}),
            ...(input.title !== undefined ? { title: input.title } : {}),
            ...(input.userId !== undefined ? { user_id: input.userId } : {}),
            ...(input.counterId !== undefined ? { counter_id: input.counterId } : {}),
            ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
            updated_at: new Date(),
          })
          .where('commune_id', '=', communeId)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return {
          result: { id },
          audit: {
            action: 'service_officials.update',
            entityType: 'service_official',
            entityId: id,
            communeId,
            before,
            after,
          },
        };
      }),
    'Tài khoản này đã gắn với một cán bộ khác.',
  );
}

export interface ProcedureInput {
  communeId?: string;
  code: string;
  name: string;
  field?: string;
  isActive?: boolean;
}

export async function createProcedure(ctx: RequestContext, input: ProcedureInput) {
  const communeId = await managedCommune(ctx, input.communeId);
  return unique(
    () =>
      audited(ctx, async (trx) => {
        const row = await trx
          .insertInto('procedures')
          .values({
            commune_id: communeId,
            code: input.code,
            name: input.name,
            field: input.field ?? '',
            is_active: input.isActive ?? true,
            updated_at: new Date(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return {
          result: { id: row.id },
          audit: {
            action: 'procedures.create',
            entityType: 'procedure',
            entityId: row.id,
            communeId,
            after: row,
          },
        };
      }),
    `Thủ tục mã ${input.code} đã có.`,
  );
}

export async function updateProcedure(ctx: RequestContext, id: string, input: Partial<ProcedureInput>) {
  const before = await ctx.db
    .selectFrom('procedures')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', communesOf(ctx))
    .executeTakeFirst();
  if (!before) throw notFound('Thủ tục');
  const communeId = await managedCommune(ctx, before.commune_id);
  return unique(
    () =>
      audited(ctx, async (trx) => {
        const after = await trx
          .updateTable('procedures')
          .set({
            ...(input.code !== undefined ? { code: input.code } : {}),
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.field !== undefined ? { field: input.field } : {}),
            ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
            updated_at: new Date(),
          })
          .where('commune_id', '=', communeId)
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return {
          result: { id },
          audit: {
            action: 'procedures.update',
            entityType: 'procedure',
            entityId: id,
            communeId,
            before,
            after,
          },
        };
      }),
    `Thủ tục mã ${input.code} đã có.`,
  );
}

export { counterOf };
