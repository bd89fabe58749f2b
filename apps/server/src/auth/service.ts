import { isRole, passwordProblem, type Role } from '@cqtt/domain';
import { CompiledQuery, type Kysely } from 'kysely';
import { recordAudit } from '../audit/service.ts';
import { preparedStatement } from '../db/prepared.ts';
import type { DB } from '../db/schema.ts';
import { AppError, badRequest } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { burnVerification, hashPassword, verifyPassword } from './passwords.ts';
import { accountExhausted, beginPasswordAttempt, pruneThrottle } from './throttle.ts';
import { API_TOKEN_PREFIX, hashSecret, newSecret, revokeTokensOf } from './tokens.ts';

const actorColumns = [
  'u.id',
  'u.username',
  'u.full_name',
  'u.roles',
  'u.city_id',
  'u.commune_id',
  'u.unit_id',
  'u.must_change_password',
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
    must_change_password: boolean;
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
    mustChangePassword: row.must_change_password,
    ...extra,
  };
}

interface SessionRow {
  id: string;
  username: string;
  full_name: string;
  roles: string[];
  city_id: string;
  commune_id: string | null;
  unit_id: string | null;
  must_change_password: boolean;
  csrf_token: string;
  last_seen_at: Date;
}

/**
 * The session lookup every signed-in request makes, read afresh each time (a session ended
 * elsewhere, a role taken away or an account closed counts from the next request). Written
 * out and prepared once per connection (db/prepared.ts): building it with the query builder
 * and having PostgreSQL plan it again cost more than running it.
 */
const SESSION_ACTOR = preparedStatement(
  'session_actor',
  `select u.id, u.username, u.full_name, u.roles, u.city_id, u.commune_id, u.unit_id,
    u.must_change_password, s.csrf_token, s.last_seen_at
  from sessions s join users u on u.id = s.user_id
  where s.id_hash = $1 and s.expires_at > $2 and u.is_active`,
);

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
      .select([...actorColumns, 't.id as token_id', 't.last_used_at', 't.scopes'])
      .where('t.token_hash', '=', hashSecret(credentials.bearer))
      .where('t.revoked_at', 'is', null)
      .where('t.expires_at', '>', new Date())
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
    return toActor(row, 'token', { tokenId: row.token_id, scopes: row.scopes });
  }
  if (credentials.sessionToken) {
    const idHash = hashSecret(credentials.sessionToken);
    const row = (await db.executeQuery<SessionRow>(CompiledQuery.raw(SESSION_ACTOR, [idHash, new Date()])))
      .rows[0];
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
  // the slot is taken before the password is checked: parallel attempts cannot pass the limit
  const attempt = await beginPasswordAttempt(ctx.db, username, ctx.ip);
  if (Math.random() < 0.01) await pruneThrottle(ctx.db);
  const user = await ctx.db
    .selectFrom('users as u')
    .select([...actorColumns, 'u.password_hash', 'u.is_active', 'u.is_service'])
    .where('u.username', '=', username)
    .executeTakeFirst();
  let ok = false;
  // a service account has no password: it acts only through its tokens
  if (user && !user.is_service) ok = await verifyPassword(user.password_hash, input.password);
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
          cityId: user?.city_id ?? null,
          after: {
            reason: !user
              ? 'unknown_user'
              : user.is_service
                ? 'service_account'
                : !ok
                  ? 'wrong_password'
                  : 'inactive',
          },
        },
        username,
      );
    });
    throw INVALID();
  }
  await attempt.succeeded();
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

/** The session ends when its password checks have used up the account's attempts. */
const SESSION_ENDED = () =>
  new AppError(
    'session_ended',
    401,
    'Nhập sai mật khẩu hiện tại quá nhiều lần: phiên đăng nhập đã kết thúc và tài khoản tạm khóa. Vui lòng đăng nhập lại sau ít phút.',
  );

async function endSession(ctx: RequestContext, reason: string): Promise<void> {
  const actor = ctx.actor!;
  await ctx.db.transaction().execute(async (trx) => {
    const ended = await trx
      .deleteFrom('sessions')
      .where('id_hash', '=', actor.sessionIdHash ?? '')
      .executeTakeFirst();
    // parallel attempts of the same session end it once
    if (Number(ended.numDeletedRows) === 0) return;
    await recordAudit(trx, ctx, {
      action: 'auth.session_ended',
      entityType: 'user',
      entityId: actor.userId,
      communeId: actor.communeId,
      after: { reason },
    });
  });
}

/**
 * Changes the signed-in user's password. The current password is checked under the same
 * throttle as a login (the account's and the address's slots); a wrong one is audited, and the
 * check that uses up the account's attempts ends the session. The change ends the user's other
 * sessions and every token the user owns or made.
 */
export async function changeOwnPassword(
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const actor = ctx.actor!;
  const problem = passwordProblem(input.newPassword, { username: actor.username });
  if (problem) throw badRequest(problem, [{ path: 'newPassword', message: problem }]);
  if (input.newPassword === input.currentPassword) {
    const message = 'Mật khẩu mới phải khác mật khẩu hiện tại.';
    throw badRequest(message, [{ path: 'newPassword', message }]);
  }
  const attempt = await beginPasswordAttempt(ctx.db, actor.username, ctx.ip).catch(async (error: unknown) => {
    if ((error as AppError).code !== 'account_locked') throw error;
    await endSession(ctx, 'account_locked');
    throw SESSION_ENDED();
  });
  const user = await ctx.db
    .selectFrom('users')
    .select(['password_hash'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await ctx.db.transaction().execute(async (trx) => {
      await recordAudit(trx, ctx, {
        action: 'auth.change_password_failed',
        entityType: 'user',
        entityId: actor.userId,
        communeId: actor.communeId,
        after: { reason: 'wrong_password' },
      });
    });
    if (await accountExhausted(ctx.db, actor.username)) {
      await endSession(ctx, 'too_many_wrong_passwords');
      throw SESSION_ENDED();
    }
    throw badRequest('Mật khẩu hiện tại không đúng.', [
      { path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' },
    ]);
  }
  await attempt.succeeded();
  const hash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: false, is_demo: false, updated_at: new Date() })
      .where('id', '=', actor.userId)
      .execute();
    // Other sessions of this user end: whoever knew the old password is out; so are the tokens.
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', actor.userId)
      .where('id_hash', '!=', actor.sessionIdHash ?? '')
      .execute();
    const tokens = await revokeTokensOf(trx, actor.userId, 'password_changed');
    await recordAudit(trx, ctx, {
      action: 'auth.change_password',
      entityType: 'user',
      entityId: actor.userId,
      communeId: actor.communeId,
      after: tokens.length > 0 ? { revokedTokens: tokens } : undefined,
    });
  });
}
