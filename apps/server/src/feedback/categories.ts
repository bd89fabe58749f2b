import type { Kysely } from 'kysely';
import { audited } from '../audit/service.ts';
import type { DB } from '../db/schema.ts';
import { conflict, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';

export interface CategoryView {
  id: string;
  code: string;
  name: string;
  description: string;
  deadlineDays: number;
  sortOrder: number;
  isActive: boolean;
}

type Row = {
  id: string;
  code: string;
  name: string;
  description: string;
  deadline_days: number;
  sort_order: number;
  is_active: boolean;
};
const view = (r: Row): CategoryView => ({
  id: r.id,
  code: r.code,
  name: r.name,
  description: r.description,
  deadlineDays: r.deadline_days,
  sortOrder: r.sort_order,
  isActive: r.is_active,
});
const COLUMNS = ['id', 'code', 'name', 'description', 'deadline_days', 'sort_order', 'is_active'] as const;

export async function activeCategories(db: Kysely<DB>, communeId: string) {
  const rows = await db
    .selectFrom('feedback_categories')
    .select(COLUMNS)
    .where('commune_id', '=', communeId)
    .where('is_active', '=', true)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
  return rows.map(view);
}

export async function listCategories(ctx: RequestContext, communeId?: string) {
  const id = await resolveCommuneId(ctx.db, ctx.actor!, communeId);
  const rows = await ctx.db
    .selectFrom('feedback_categories')
    .select(COLUMNS)
    .where('commune_id', '=', id)
    .orderBy('sort_order')
    .orderBy('name')
    .execute();
  return rows.map(view);
}

export interface CategoryInput {
  code: string;
  name: string;
  description?: string;
  deadlineDays: number;
  sortOrder?: number;
  isActive?: boolean;
}

export async function createCategory(ctx: RequestContext, input: CategoryInput & { communeId?: string }) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, input.communeId);
  const exists = await ctx.db
    .selectFrom('feedback_categories')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('code', '=', input.code)
    .executeTakeFirst();
  if (exists) throw conflict(`Mã lĩnh vực «${input.code}» đã có.`, [{ path: 'code', message: 'Mã đã có.' }]);
  return audited(ctx, async (trx) => {
    const row = await trx
      .insertInto('feedback_categories')
      .values({
        commune_id: communeId,
        code: input.code,
        name: input.name,
        description: input.description ?? '',
        deadline_days: input.deadlineDays,
        sort_order: input.sortOrder ?? 0,
        is_active: input.isActive ?? true,
        updated_at: new Date(),
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return {
      result: view(row),
      audit: {
        action: 'feedback.categories.create',
        entityType: 'feedback_category',
        entityId: row.id,
        communeId,
        after: row,
      },
    };
  });
}

export async function updateCategory(ctx: RequestContext, id: string, input: Partial<CategoryInput>) {
  const before = await ctx.db
    .selectFrom('feedback_categories')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', visibleCommuneIds(ctx.db, ctx.actor!))
    .executeTakeFirst();
  if (!before || (ctx.actor!.communeId && before.commune_id !== ctx.actor!.communeId))
    throw notFound('Lĩnh vực phản ánh');
  if (input.code && input.code !== before.code) {
    const exists = await ctx.db
      .selectFrom('feedback_categories')
      .select('id')
      .where('commune_id', '=', before.commune_id)
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (exists)
      throw conflict(`Mã lĩnh vực «${input.code}» đã có.`, [{ path: 'code', message: 'Mã đã có.' }]);
  }
  return audited(ctx, async (trx) => {
    const row = await trx
      .updateTable('feedback_categories')
      .set({
        ...(input.code !== undefined ? { code: input.code } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.deadlineDays !== undefined ? { deadline_days: input.deadlineDays } : {}),
        ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
        ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
        updated_at: new Date(),
      })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return {
      result: view(row),
      audit: {
        action: 'feedback.categories.update',
        entityType: 'feedback_category',
        entityId: id,
        communeId: before.commune_id,
        before,
        after: row,
      },
    };
  });
}
