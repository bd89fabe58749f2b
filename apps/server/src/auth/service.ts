import { isRole, passwordProblem, type Role } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/service.ts';
import type { DB } from '../db/schema.ts';
import { AppError, badRequest } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { burnVerification, hashPassword, verifyPassword } from './passwords.ts';
import { assertLoginAllowed } from './throttle.ts';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from './tokens.ts';

const actorColumns = [
  'u.id',
  'u.username',
  'u.full_name',
  'u.roles',
  'u.city_id',
  'u.commune_id',
  'u.unit_id',
] as const;

function toActor(
  row: {
    id: string;
    username: string;
    full_name: string;
    roles: string[];
    city_id: string;
    commune_id: string | null;
    unit_id: string | null;
  },
  via: Actor['via'],
  extra: Partial<Actor> = {},
): Actor {
  return {
    userId: row.id,
    username: row.username,
    fullName: row.full_name,
    roles: row.roles.filter(isRole) as Role[],
    cityId: row.city_id,
    communeId: row.commune_id,
    unitId: row.unit_id,
    via,
    ...extra,
  };
}

/** Finds who a request acts for from its session cookie or bearer token. */
export async function resolveActor(
  db: Kysely<DB>,
  credentials: { sessionToken?: string; bearer?: string },
): Promise<Actor | null> {
  if (credentials.bearer) {
    if (!credentials.bearer.startsWith(API_TOKEN_PREFIX)) return null;
    const row = await db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .select([...actorColumns, 't.id as token_id', 't.last_used_at'])
      .where('t.token_hash', '=', hashSecret(credentials.bearer))
      .where('t.revoked_at', 'is', null)
      .where('u.is_active', '=', true)
      .executeTakeFirst();
    if (!row) return null;
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
      await db
        .updateTable('api_tokens')
        .set({ last_used_at: new Date() })
        .where('id', '=', row.token_id)
        .execute();
    }
    return toActor(row, 'token');
  }
  if (credentials.sessionToken) {
    const idHash = hashSecret(credentials.sessionToken);
    const row = await db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select([...actorColumns, 's.csrf_token', 's.last_seen_at'])
      .where('s.id_hash', '=', idHash)
      .where('s.expires_at', '>', new Date())
      .where('u.is_active', '=', true)
      .executeTakeFirst();
    if (!row) return null;
    if (Date.now() - new Date(row.last_seen_at).getTime() > 60_000) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: new Date() })
        .where('id_hash', '=', idHash)
        .execute();
    }
    return toActor(row, 'session', { sessionIdHash: idHash, csrfToken: row.csrf_token });
  }
  return null;
}

const INVALID = () => new AppError('invalid_credentials', 401, 'Tên đăng nhập hoặc mật khẩu không đúng.');

/**
 * Checks the password and opens a new session (a session id presented with
 * the login is dropped: the id changes at every login). Every attempt is
 * counted for the throttle and written to the audit log.
 */
export async function login(
  ctx: RequestContext,
  input: { username: string; password: string; previousSessionToken?: string },
): Promise<{ sessionToken: string; actor: Actor }> {
  const username = input.username.trim().toLowerCase();
  await assertLoginAllowed(ctx.db, username, ctx.ip);
  const user = await ctx.db
    .selectFrom('users as u')
    .select([...actorColumns, 'u.password_hash', 'u.is_active'])
    .where('u.username', '=', username)
    .executeTakeFirst();
  let ok = false;
  if (user) ok = await verifyPassword(user.password_hash, input.password);
  else await burnVerification(input.password);
  if (!user || !ok || !user.is_active) {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('login_attempts').values({ username, ip: ctx.ip, success: false }).execute();
      await recordAudit(
        trx,
        ctx,
        {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user?.id ?? username,
          communeId: user?.commune_id ?? null,
          after: { reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'inactive' },
        },
        username,
      );
    });
    throw INVALID();
  }
  const sessionToken = newSecret();
  const csrfToken = newSecret(24);
  const idHash = hashSecret(sessionToken);
  const actor = toActor(user, 'session', { sessionIdHash: idHash, csrfToken });
  await ctx.db.transaction().execute(async (trx) => {
    if (input.previousSessionToken) {
      await trx
        .deleteFrom('sessions')
        .where('id_hash', '=', hashSecret(input.previousSessionToken))
        .execute();
    }
    await trx
      .insertInto('sessions')
      .values({
        id_hash: idHash,
        user_id: user.id,
        csrf_token: csrfToken,
        ip: ctx.ip,
        user_agent: ctx.userAgent.slice(0, 300),
        expires_at: new Date(Date.now() + ctx.config.sessionHours * 3_600_000),
        last_seen_at: new Date(),
      })
      .execute();
    await trx.insertInto('login_attempts').values({ username, ip: ctx.ip, success: true }).execute();
    await trx.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', user.id).execute();
    await recordAudit(
      trx,
      { ...ctx, actor },
      {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        communeId: user.commune_id,
      },
    );
  });
  return { sessionToken, actor };
}

export async function logout(ctx: RequestContext): Promise<void> {
  const actor = ctx.actor;
  if (!actor?.sessionIdHash) return;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id_hash', '=', actor.sessionIdHash!).execute();
    await recordAudit(trx, ctx, {
      action: 'auth.logout',
      entityType: 'user',
      entityId: actor.userId,
      communeId: actor.communeId,
    });
  });
}

export async function changeOwnPassword(
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const actor = ctx.actor!;
  const user = await ctx.db
    .selectFrom('users')
    .select(['password_hash'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw badRequest('Mật khẩu hiện tại không đúng.', [
      { path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' },
    ]);
  }
  const problem = passwordProblem(input.newPassword, { username: actor.username });
  if (problem) throw badRequest(problem, [{ path: 'newPassword', message: problem }]);
  if (input.newPassword === input.currentPassword) {
    const message = 'Mật khẩu mới phải khác mật khẩu hiện tại.';
    throw badRequest(message, [{ path: 'newPassword', message }]);
  }
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: false, is_demo: false, updated_at: new Date() })
      .where('id', '=', actor.userId)
      .execute();
    // Other sessions of this user end: whoever knew the old password is out.
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', actor.userId)
      .where('id_hash', '!=', actor.sessionIdHash ?? '')
      .execute();
    await recordAudit(trx, ctx, {
      action: 'auth.change_password',
      entityType: 'user',
      entityId: actor.userId,
      communeId: actor.communeId,
    });
  });
}

export function newApiToken(): { token: string; hash: string } {
  const token = `${API_TOKEN_PREFIX}${newSecret()}`;
  return { token, hash: hashSecret(token) };
}
