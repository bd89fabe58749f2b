import { passwordProblem, rolesProblem } from '@cqtt/domain';
import type { Transaction } from 'kysely';
import { audited } from '../audit/service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { newApiToken } from '../auth/service.ts';
import type { DB, User } from '../db/schema.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { findManageableUser } from './store.ts';

export function userView(u: {
  id: string;
  username: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  commune_id: string | null;
  unit_id: string | null;
  unit_name?: string | null;
  village_id?: string | null;
  village_name?: string | null;
  roles: string[];
  is_active: boolean;
  last_login_at: Date | null;
}) {
  return {
    id: u.id,
    username: u.username,
    fullName: u.full_name,
    email: u.email,
    phone: u.phone,
    communeId: u.commune_id,
    unitId: u.unit_id,
    unitName: u.unit_name ?? null,
    villageId: u.village_id ?? null,
    villageName: u.village_name ?? null,
    roles: u.roles,
    isActive: u.is_active,
    lastLoginAt: u.last_login_at ? new Date(u.last_login_at).toISOString() : null,
  };
}

async function assertUnitOfCommune(
  ctx: RequestContext,
  communeId: string | null,
  unitId: string | null | undefined,
) {
  if (!unitId) return;
  const unit = communeId
    ? await ctx.db
        .selectFrom('units')
        .select('id')
        .where('commune_id', '=', communeId)
        .where('id', '=', unitId)
        .executeTakeFirst()
    : undefined;
  if (!unit) {
    const message = 'Đơn vị không thuộc xã, phường, đặc khu của người dùng.';
    throw badRequest(message, [{ path: 'unitId', message }]);
  }
}

/** The village a village head is linked to: one of his commune's, and only for the role «village». */
async function checkedVillage(
  ctx: RequestContext,
  communeId: string | null,
  roles: string[],
  villageId: string | null | undefined,
): Promise<{ id: string; name: string } | null | undefined> {
  if (villageId === undefined || villageId === null) return villageId;
  if (!roles.includes('village')) {
    const message = 'Chỉ tài khoản có vai trò Trưởng thôn mới gắn với một thôn.';
    throw badRequest(message, [{ path: 'villageId', message }]);
  }
  const village = communeId
    ? await ctx.db
        .selectFrom('villages')
        .select(['id', 'name'])
        .where('commune_id', '=', communeId)
        .where('id', '=', villageId)
        .executeTakeFirst()
    : undefined;
  if (!village) {
    const message = 'Thôn không thuộc xã, phường, đặc khu của người dùng.';
    throw badRequest(message, [{ path: 'villageId', message }]);
  }
  return village;
}

/**
 * Links the user to the village he heads (or unlinks him: null, or when he no longer has the
 * role «village»). One village per head; a village may have several heads.
 */
async function linkVillage(
  trx: Transaction<DB>,
  user: { id: string; commune_id: string | null; roles: string[] },
  village: { id: string } | null | undefined,
) {
  if (!user.commune_id) return;
  if (village === null || !user.roles.includes('village')) {
    await trx.deleteFrom('village_heads').where('user_id', '=', user.id).execute();
    return;
  }
  if (village === undefined) return;
  await trx
    .insertInto('village_heads')
    .values({ commune_id: user.commune_id, user_id: user.id, village_id: village.id })
    .onConflict((oc) => oc.columns(['commune_id', 'user_id']).doUpdateSet({ village_id: village.id }))
    .execute();
}

function assertRoles(roles: string[], communeId: string | null) {
  const problem = rolesProblem(roles, communeId !== null);
  if (problem) throw badRequest(problem, [{ path: 'roles', message: problem }]);
}

function assertPassword(password: string, username: string, path: string) {
  const problem = passwordProblem(password, { username });
  if (problem) throw badRequest(problem, [{ path, message: problem }]);
}

export async function createUser(
  ctx: RequestContext,
  input: {
    username: string;
    fullName: string;
    email?: string | null;
    phone?: string | null;
    communeId?: string | null;
    unitId?: string | null;
    villageId?: string | null;
    roles: string[];
    password: string;
  },
) {
  const actor = ctx.actor!;
  // A commune administrator creates users of their commune; a city
  // administrator names the commune, or null for a city-level user.
  const communeId =
    input.communeId === null && !actor.communeId
      ? null
      : await resolveCommuneId(ctx.db, actor, input.communeId ?? actor.communeId ?? undefined);
  assertRoles(input.roles, communeId);
  await assertUnitOfCommune(ctx, communeId, input.unitId);
  const village = await checkedVillage(ctx, communeId, input.roles, input.villageId);
  assertPassword(input.password, input.username, 'password');
  const taken = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', input.username)
    .executeTakeFirst();
  if (taken) {
    const message = `Tên đăng nhập «${input.username}» đã có người dùng.`;
    throw conflict(message, [{ path: 'username', message }]);
  }
  const passwordHash = await hashPassword(input.password);
  return audited(ctx, async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({
        city_id: actor.cityId,
        commune_id: communeId,
        unit_id: input.unitId ?? null,
        username: input.username,
        full_name: input.fullName,
        email: input.email || null,
        phone: input.phone || null,
        password_hash: passwordHash,
        roles: input.roles,
        must_change_password: true,
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await linkVillage(trx, user, village);
    const after = { ...user, village_id: village?.id ?? null };
    return {
      result: userView({ ...after, village_name: village?.name ?? null }),
      audit: { action: 'users.create', entityType: 'user', entityId: user.id, communeId, after },
    };
  });
}

export async function updateUser(
  ctx: RequestContext,
  id: string,
  input: {
    fullName?: string;
    email?: string | null;
    phone?: string | null;
    unitId?: string | null;
    villageId?: string | null;
    roles?: string[];
    isActive?: boolean;
  },
) {
  const actor = ctx.actor!;
  const before = await findManageableUser(ctx.db, actor, id);
  if (!before) throw notFound('Người dùng');
  if (id === actor.userId && (input.isActive === false || (input.roles && !input.roles.includes('admin')))) {
    throw forbidden('Bạn không thể tự khóa tài khoản hay bỏ vai trò quản trị của chính mình.');
  }
  if (input.roles) assertRoles(input.roles, before.commune_id);
  if (input.unitId !== undefined) await assertUnitOfCommune(ctx, before.commune_id, input.unitId);
  const village = await checkedVillage(ctx, before.commune_id, input.roles ?? before.roles, input.villageId);
  const villageBefore = await ctx.db
    .selectFrom('village_heads')
    .select('village_id')
    .where('user_id', '=', id)
    .executeTakeFirst();
  return audited(ctx, async (trx) => {
    const user = await trx
      .updateTable('users')
      .set({
        ...(input.fullName !== undefined ? { full_name: input.fullName } : {}),
        ...(input.email !== undefined ? { email: input.email || null } : {}),
        ...(input.phone !== undefined ? { phone: input.phone || null } : {}),
        ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
        ...(input.roles !== undefined ? { roles: input.roles } : {}),
        ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.isActive === false) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await linkVillage(trx, user, village);
    const now = await trx
      .selectFrom('village_heads as vh')
      .innerJoin('villages as v', (join) =>
        join.onRef('v.commune_id', '=', 'vh.commune_id').onRef('v.id', '=', 'vh.village_id'),
      )
      .select(['v.id', 'v.name'])
      .where('vh.user_id', '=', id)
      .executeTakeFirst();
    return {
      result: userView({ ...user, village_id: now?.id ?? null, village_name: now?.name ?? null }),
      audit: {
        action: 'users.update',
        entityType: 'user',
        entityId: id,
        communeId: user.commune_id,
        before: { ...before, village_id: villageBefore?.village_id ?? null },
        after: { ...user, village_id: now?.id ?? null },
      },
    };
  });
}

export async function resetPassword(ctx: RequestContext, id: string, newPassword: string) {
  const before = await findManageableUser(ctx.db, ctx.actor!, id);
  if (!before) throw notFound('Người dùng');
  assertPassword(newPassword, before.username, 'newPassword');
  const hash = await hashPassword(newPassword);
  await audited(ctx, async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: true, is_demo: false, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    return {
      result: undefined,
      audit: {
        action: 'users.reset_password',
        entityType: 'user',
        entityId: id,
        communeId: before.commune_id,
      },
    };
  });
}

// API tokens for integrations (the city's systems, the one-stop system).

export async function listTokens(ctx: RequestContext) {
  const actor = ctx.actor!;
  let query = ctx.db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .where('u.city_id', '=', actor.cityId);
  if (actor.communeId) query = query.where('u.commune_id', '=', actor.communeId);
  const rows = await query
    .select(['t.id', 't.name', 't.user_id', 'u.username', 't.created_at', 't.last_used_at', 't.revoked_at'])
    .orderBy('t.created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    userId: t.user_id,
    username: t.username,
    createdAt: new Date(t.created_at).toISOString(),
    lastUsedAt: t.last_used_at ? new Date(t.last_used_at).toISOString() : null,
    revokedAt: t.revoked_at ? new Date(t.revoked_at).toISOString() : null,
  }));
}

export async function issueToken(ctx: RequestContext, input: { name: string; userId?: string }) {
  const actor = ctx.actor!;
  const owner: Pick<User, 'id' | 'commune_id' | 'is_active'> | undefined = input.userId
    ? await findManageableUser(ctx.db, actor, input.userId)
    : { id: actor.userId, commune_id: actor.communeId, is_active: true };
  if (!owner) throw notFound('Người dùng');
  if (!owner.is_active) throw badRequest('Không thể cấp mã truy cập cho tài khoản đã khóa.');
  const { token, hash } = newApiToken();
  return audited(ctx, async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({ user_id: owner.id, name: input.name, token_hash: hash, created_by: actor.userId })
      .returning(['id', 'name', 'user_id', 'created_at'])
      .executeTakeFirstOrThrow();
    return {
      result: { id: row.id, name: row.name, token },
      audit: {
        action: 'tokens.issue',
        entityType: 'api_token',
        entityId: row.id,
        communeId: owner.commune_id,
        after: row,
      },
    };
  });
}

export async function revokeToken(ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  let query = ctx.db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .where('t.id', '=', id)
    .where('u.city_id', '=', actor.cityId);
  if (actor.communeId) query = query.where('u.commune_id', '=', actor.communeId);
  const before = await query.selectAll('t').select('u.commune_id').executeTakeFirst();
  if (!before) throw notFound('Mã truy cập');
  if (before.revoked_at) return;
  await audited(ctx, async (trx) => {
    const after = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: new Date(), revoked_by: actor.userId })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: undefined,
      audit: {
        action: 'tokens.revoke',
        entityType: 'api_token',
        entityId: id,
        communeId: before.commune_id,
        before,
        after,
      },
    };
  });
}
