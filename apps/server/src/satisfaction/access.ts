import { can } from '@cqtt/domain';
import { forbidden } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';

/** The unit code of the commune's service centre (Trung tâm Phục vụ hành chính công). */
export const SERVICE_CENTRE_UNIT = 'TTPVHCC';

async function isServiceCentreFocal(ctx: RequestContext, communeId: string): Promise<boolean> {
  const actor = ctx.actor!;
  if (!actor.roles.includes('focal') || !actor.unitId || actor.communeId !== communeId) return false;
  const unit = await ctx.db
    .selectFrom('units')
    .select('code')
    .where('commune_id', '=', communeId)
    .where('id', '=', actor.unitId)
    .executeTakeFirst();
  return unit?.code === SERVICE_CENTRE_UNIT;
}

/** The commune to act on, for a user who may set up the service centre (or 403). */
export async function managedCommune(ctx: RequestContext, requested?: string): Promise<string> {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, requested);
  if (can(ctx.actor!.roles, 'satisfaction.manage')) return communeId;
  if (await isServiceCentreFocal(ctx, communeId)) return communeId;
  throw forbidden();
}

export async function canManage(ctx: RequestContext, communeId: string): Promise<boolean> {
  return can(ctx.actor!.roles, 'satisfaction.manage') || (await isServiceCentreFocal(ctx, communeId));
}

/**
 * Whose figures a user may read: everyone's (leaders, supervisors, the coordinator, the
 * service centre, the city) or only her own (the official linked to her account).
 * Returns null for "all", or the official id; a user who is neither gets 403.
 */
export async function figuresScope(ctx: RequestContext, communeId: string): Promise<string | null> {
  if (can(ctx.actor!.roles, 'satisfaction.view_all') || (await isServiceCentreFocal(ctx, communeId))) {
    return null;
  }
  const own = await ctx.db
    .selectFrom('service_officials')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('user_id', '=', ctx.actor!.userId)
    .executeTakeFirst();
  if (!own)
    throw forbidden('Bạn chưa được gắn với cán bộ nào ở bộ phận một cửa nên không có số liệu để xem.');
  return own.id;
}
