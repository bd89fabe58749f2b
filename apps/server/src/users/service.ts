import {
  passwordProblem,
  ROLE_LABELS,
  type Role,
  rolesProblem,
  selfGrantProblem,
  serviceAccountRolesProblem,
} from '@cqtt/domain';
import type { Kysely, Transaction } from 'kysely';
import { audited } from '../audit/service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { newSecret, revokeTokensOf } from '../auth/tokens.ts';
import type { DB } from '../db/schema.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { enqueueMail, isMailAddress } from '../mail/outbox.ts';
import { createNotifications } from '../notify/service.ts';
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
  is_service?: boolean;
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
    serviceAccount: u.is_service ?? false,
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

function assertRoles(roles: string[], communeId: string | null, service = false) {
  const problem =
    rolesProblem(roles, communeId !== null) ?? (service ? serviceAccountRolesProblem(roles) : null);
  if (problem) throw badRequest(problem, [{ path: 'roles', message: problem }]);
}

const roleNames = (roles: readonly string[]) => roles.map((r) => ROLE_LABELS[r as Role] ?? r).join(', ');

/**
 * Tells a person that their roles changed, in the change's transaction: an in-app notification,
 * and a mail when the account has an address (a role given behind someone's back is seen).
 */
async function notifyRoleChange(
  trx: Kysely<DB>,
  ctx: RequestContext,
  user: { id: string; commune_id: string | null; email: string | null; is_service?: boolean },
  before: readonly string[],
  after: readonly string[],
) {
  const added = after.filter((r) => !before.includes(r));
  const removed = before.filter((r) => !after.includes(r));
  if ((added.length === 0 && removed.length === 0) || user.is_service) return;
  const by = ctx.actor ? `${ctx.actor.fullName} (${ctx.actor.username})` : 'hệ thống';
  const lines = [
    ...(added.length ? [`Được thêm: ${roleNames(added)}.`] : []),
    ...(removed.length ? [`Bị bỏ: ${roleNames(removed)}.`] : []),
    `Người thay đổi: ${by}.`,
    'Nếu bạn không biết về thay đổi này, hãy báo ngay cho lãnh đạo đơn vị.',
  ];
  const title = before.length === 0 ? 'Tài khoản của bạn đã được cấp vai trò' : 'Vai trò của bạn đã thay đổi';
  await createNotifications(trx, [
    {
      communeId: user.commune_id,
      userId: user.id,
      kind: 'users.roles_changed',
      title,
      body: lines.join('\n'),
    },
  ]);
  if (before.length > 0 && user.email && isMailAddress(user.email)) {
    await enqueueMail(trx, {
      communeId: user.commune_id,
      to: user.email,
      subject: title,
      body: `${title}.\n\n${lines.join('\n')}\n`,
    });
  }
}

async function assertUsernameFree(ctx: RequestContext, username: string) {
  const taken = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  if (taken) {
    const message = `Tên đăng nhập «${username}» đã có người dùng.`;
    throw conflict(message, [{ path: 'username', message }]);
  }
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
  await assertUsernameFree(ctx, input.username);
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
    await notifyRoleChange(trx, ctx, user, [], user.roles);
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
  if (input.roles) {
    assertRoles(input.roles, before.commune_id, before.is_service);
    const selfGrant = selfGrantProblem(actor.userId, id, before.roles, input.roles);
    if (selfGrant) throw forbidden(selfGrant);
  }
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
    await notifyRoleChange(trx, ctx, user, before.roles, user.roles);
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
        after: {
          ...user,
          village_id: now?.id ?? null,
          ...roleDelta(before.roles, user.roles),
        },
      },
    };
  });
}

/** Roles added and removed, for the audit row of a change (absent when none changed). */
function roleDelta(before: readonly string[], after: readonly string[]) {
  const added = after.filter((r) => !before.includes(r));
  const removed = before.filter((r) => !after.includes(r));
  return added.length || removed.length ? { roles_added: added, roles_removed: removed } : {};
}

export async function resetPassword(ctx: RequestContext, id: string, newPassword: string) {
  const before = await findManageableUser(ctx.db, ctx.actor!, id);
  if (!before) throw notFound('Người dùng');
  if (before.is_service) {
    throw badRequest('Tài khoản dịch vụ không có mật khẩu; nó chỉ dùng mã truy cập API.');
  }
  assertPassword(newPassword, before.username, 'newPassword');
  const hash = await hashPassword(newPassword);
  await audited(ctx, async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: true, is_demo: false, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    const tokens = await revokeTokensOf(trx, id, 'password_reset');
    return {
      result: undefined,
      audit: {
        action: 'users.reset_password',
        entityType: 'user',
        entityId: id,
        communeId: before.commune_id,
        after: tokens.length > 0 ? { revokedTokens: tokens } : undefined,
      },
    };
  });
}

/**
 * Creates a service account: an integration (the one-stop system, a unit's software) that acts
 * only through the tokens an administrator issues it. It has no usable password, cannot sign in,
 * belongs to a commune and holds working roles only (neither administrator nor deciding roles).
 */
export async function createServiceAccount(
  ctx: RequestContext,
  input: { username: string; fullName: string; communeId?: string; unitId?: string | null; roles: string[] },
) {
  const actor = ctx.actor!;
  const communeId = await resolveCommuneId(ctx.db, actor, input.communeId ?? actor.communeId ?? undefined);
  assertRoles(input.roles, communeId, true);
  await assertUnitOfCommune(ctx, communeId, input.unitId);
  await assertUsernameFree(ctx, input.username);
  return audited(ctx, async (trx) => {
    const user = await trx
      .insertInto('users')
      .values({
        city_id: actor.cityId,
        commune_id: communeId,
        unit_id: input.unitId ?? null,
        username: input.username,
        full_name: input.fullName,
        email: null,
        phone: null,
        // not an argon2 hash: no password ever matches it
        password_hash: `!service:${newSecret(16)}`,
        roles: input.roles,
        is_service: true,
        must_change_password: false,
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: userView(user),
      audit: {
        action: 'users.create_service_account',
        entityType: 'user',
        entityId: user.id,
        communeId,
        after: user,
      },
    };
  });
}
