import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../src/auth/passwords.ts';
import type { Database } from '../src/db/database.ts';
import { DEMO_PASSWORD, login } from './harness.ts';

let hash: Promise<string> | undefined;

/**
 * An account made straight in the database, for the roles no demo account holds (a city
 * administrator, a commune account with every role), signed in with the demo password.
 */
export async function accountWith(
  app: FastifyInstance,
  database: Database,
  options: { roles: string[]; communeCode?: string; cityCode?: string; mustChangePassword?: boolean },
) {
  const { db } = database;
  const commune = options.communeCode
    ? await db
        .selectFrom('communes')
        .select(['id', 'city_id'])
        .where('code', '=', options.communeCode)
        .executeTakeFirstOrThrow()
    : null;
  const cityId =
    commune?.city_id ??
    (
      await db
        .selectFrom('cities')
        .select('id')
        .where('code', '=', options.cityCode ?? 'HP')
        .executeTakeFirstOrThrow()
    ).id;
  hash ??= hashPassword(DEMO_PASSWORD);
  const username = `t.${options.roles.join('-')}.${randomBytes(3).toString('hex')}`.slice(0, 50);
  const user = await db
    .insertInto('users')
    .values({
      city_id: cityId,
      commune_id: commune?.id ?? null,
      username,
      full_name: `Tài khoản thử ${options.roles.join(', ')}`,
      email: `${username}@example.invalid`,
      phone: null,
      password_hash: await hash,
      roles: options.roles,
      must_change_password: options.mustChangePassword ?? false,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: user.id, username, client: await login(app, username) };
}
