import { can, isTokenScope, ROLE_LABELS, type Role, TOKEN_DEFAULT_DAYS } from '@cqtt/domain';
import { sql } from 'kysely';
import { audited } from '../audit/service.ts';
import { newApiToken } from '../auth/tokens.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { findManageableUser } from './store.ts';

/**
 * API tokens for integrations (docs/decisions/0019). A token acts as the user who made it, or as
 * a service account an administrator created for the purpose, never as another person; it
 * carries scopes ('read', named capabilities) and an expiry, and dies with a password change or
 * reset of its owner or maker.
 */

export interface TokenInput {
  name: string;
  scopes?: string[];
  expiresInDays?: number;
  /** A service account of the administrator's commune (or city); absent: the token is the administrator's own. */
  serviceAccountId?: string;
}

function scopeProblems(scopes: readonly string[], ownerRoles: readonly string[]) {
  return scopes.flatMap((scope, i) => {
    if (!isTokenScope(scope)) {
      return [
        {
          path: `scopes.${i}`,
          message: `Quyền «${scope}» không cấp được cho mã truy cập (quản lý tài khoản, mã truy cập và các quyết định chỉ làm khi đăng nhập).`,
        },
      ];
    }
    if (scope !== 'read' && !can(ownerRoles, scope as never)) {
      const roles = ownerRoles.map((r) => ROLE_LABELS[r as Role] ?? r).join(', ');
      return [
        {
          path: `scopes.${i}`,
          message: `Tài khoản nhận mã (vai trò ${roles}) không có quyền «${scope}».`,
        },
      ];
    }
    return [];
  });
}

export async function issueToken(ctx: RequestContext, input: TokenInput) {
  const actor = ctx.actor!;
  let owner: { id: string; commune_id: string | null; roles: string[]; username: string };
  if (input.serviceAccountId) {
    const account = await findManageableUser(ctx.db, actor, input.serviceAccountId);
    if (!account) throw notFound('Tài khoản dịch vụ');
    if (!account.is_service) {
      const message =
        'Mã truy cập chỉ cấp cho chính bạn hoặc cho một tài khoản dịch vụ; không cấp để hành động thay người khác.';
      throw badRequest(message, [{ path: 'serviceAccountId', message }]);
    }
    if (!account.is_active) {
      const message = 'Tài khoản dịch vụ đã ngừng hoạt động.';
      throw badRequest(message, [{ path: 'serviceAccountId', message }]);
    }
    owner = account;
  } else {
    owner = { id: actor.userId, commune_id: actor.communeId, roles: actor.roles, username: actor.username };
  }
  const scopes = [...new Set(input.scopes ?? ['read'])];
  const problems = scopeProblems(scopes, owner.roles);
  if (problems.length > 0) throw badRequest(problems[0]!.message, problems);
  const days = input.expiresInDays ?? TOKEN_DEFAULT_DAYS;
  const { token, hash } = newApiToken();
  return audited(ctx, async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        user_id: owner.id,
        name: input.name,
        token_hash: hash,
        created_by: actor.userId,
        scopes,
        expires_at: sql<Date>`now() + make_interval(days => ${days})`,
      })
      .returning(['id', 'name', 'user_id', 'scopes', 'expires_at', 'created_at'])
      .executeTakeFirstOrThrow();
    return {
      result: {
        id: row.id,
        name: row.name,
        token,
        scopes: row.scopes,
        expiresAt: new Date(row.expires_at).toISOString(),
      },
      audit: {
        action: 'tokens.issue',
        entityType: 'api_token',
        entityId: row.id,
        communeId: owner.commune_id,
        after: { ...row, owner: owner.username },
      },
    };
  });
}

export async function listTokens(ctx: RequestContext) {
  const actor = ctx.actor!;
  let query = ctx.db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .innerJoin('users as c', 'c.id', 't.created_by')
    .where('u.city_id', '=', actor.cityId);
  if (actor.communeId) query = query.where('u.commune_id', '=', actor.communeId);
  const rows = await query
    .select([
      't.id',
      't.name',
      't.user_id',
      'u.username',
      'u.is_service',
      'c.username as created_by_name',
      't.scopes',
      't.expires_at',
      't.created_at',
      't.last_used_at',
      't.revoked_at',
      't.revoked_reason',
    ])
    .orderBy('t.created_at', 'desc')
    .limit(500)
    .execute();
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    userId: t.user_id,
    username: t.username,
    serviceAccount: t.is_service,
    createdBy: t.created_by_name,
    scopes: t.scopes,
    expiresAt: new Date(t.expires_at).toISOString(),
    createdAt: new Date(t.created_at).toISOString(),
    lastUsedAt: iso(t.last_used_at),
    revokedAt: iso(t.revoked_at),
    revokedReason: t.revoked_reason,
  }));
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
      .set({ revoked_at: new Date(), revoked_by: actor.userId, revoked_reason: 'manual' })
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
