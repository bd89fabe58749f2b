import { audited } from '../audit/service.ts';
import type { Unit, Village } from '../db/schema.ts';
import { conflict, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { resolveCommuneId } from './scope.ts';
import * as store from './store.ts';

export function unitView(u: Unit) {
  return {
    id: u.id,
    communeId: u.commune_id,
    code: u.code,
    name: u.name,
    description: u.description,
    isActive: u.is_active,
  };
}

export function villageView(v: Village) {
  return {
    id: v.id,
    communeId: v.commune_id,
    name: v.name,
    headName: v.head_name,
    households: v.households,
    isActive: v.is_active,
  };
}

export async function createUnit(
  ctx: RequestContext,
  input: { communeId?: string; code: string; name: string; description?: string },
) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, input.communeId);
  return audited(ctx, async (trx) => {
    const taken = await trx
      .selectFrom('units')
      .select('id')
      .where('commune_id', '=', communeId)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (taken)
      throw conflict(`Mã đơn vị «${input.code}» đã được dùng.`, [
        { path: 'code', message: 'Mã đã tồn tại.' },
      ]);
    const unit = await trx
      .insertInto('units')
      .values({
        commune_id: communeId,
        code: input.code,
        name: input.name,
        description: input.description ?? '',
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: unitView(unit),
      audit: { action: 'units.create', entityType: 'unit', entityId: unit.id, communeId, after: unit },
    };
  });
}

export async function updateUnit(
  ctx: RequestContext,
  id: string,
  input: { name?: string; description?: string; isActive?: boolean },
) {
  const before = await store.findUnit(ctx.db, ctx.actor!, id);
  if (!before) throw notFound('Đơn vị');
  return audited(ctx, async (trx) => {
    const unit = await trx
      .updateTable('units')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
        updated_at: new Date(),
      })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: unitView(unit),
      audit: {
        action: 'units.update',
        entityType: 'unit',
        entityId: id,
        communeId: unit.commune_id,
        before,
        after: unit,
      },
    };
  });
}

export async function createVillage(
  ctx: RequestContext,
  input: { communeId?: string; name: string; headName?: string; households?: number | null },
) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, input.communeId);
  return audited(ctx, async (trx) => {
    const village = await trx
      .insertInto('villages')
      .values({
        commune_id: communeId,
        name: input.name,
        head_name: input.headName ?? '',
        households: input.households ?? null,
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: villageView(village),
      audit: {
        action: 'villages.create',
        entityType: 'village',
        entityId: village.id,
        communeId,
        after: village,
      },
    };
  });
}

export async function updateVillage(
  ctx: RequestContext,
  id: string,
  input: { name?: string; headName?: string; households?: number | null; isActive?: boolean },
) {
  const before = await store.findVillage(ctx.db, ctx.actor!, id);
  if (!before) throw notFound('Thôn');
  return audited(ctx, async (trx) => {
    const village = await trx
      .updateTable('villages')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.headName !== undefined ? { head_name: input.headName } : {}),
        ...(input.households !== undefined ? { households: input.households } : {}),
        ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
        updated_at: new Date(),
      })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: villageView(village),
      audit: {
        action: 'villages.update',
        entityType: 'village',
        entityId: id,
        communeId: village.commune_id,
        before,
        after: village,
      },
    };
  });
}
