import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../http/route.ts';

export const MeResponse = z.object({
  user: z.object({
    id: z.uuid(),
    username: z.string(),
    fullName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    roles: z.array(z.string()),
    mustChangePassword: z.boolean(),
  }),
  commune: z
    .object({ id: z.uuid(), code: z.string(), name: z.string(), kind: z.string(), cityId: z.uuid() })
    .nullable(),
  city: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  unit: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
  /** Send back as x-csrf-token with every write; null for API tokens, which need none. */
  csrfToken: z.string().nullable(),
  /** The counter official (bộ phận một cửa) this account is, if any: she sees her own satisfaction figures. */
  serviceOfficialId: z.uuid().nullable(),
  /** The server is in read-only mode (maintenance): nothing can be saved for now. */
  readOnly: z.boolean(),
});

/** What the console needs to know about the signed-in user, in one query. */
export async function loadMe(
  db: Kysely<DB>,
  actor: Actor,
  readOnly = false,
): Promise<z.infer<typeof MeResponse>> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('cities as t', 't.id', 'u.city_id')
    .leftJoin('communes as c', 'c.id', 'u.commune_id')
    .leftJoin('units as n', (join) =>
      join.onRef('n.commune_id', '=', 'u.commune_id').onRef('n.id', '=', 'u.unit_id'),
    )
    .select([
      'u.id',
      'u.username',
      'u.full_name',
      'u.email',
      'u.phone',
      'u.roles',
      'u.must_change_password',
      't.id as city_id',
      't.code as city_code',
      't.name as city_name',
      'c.id as commune_id',
      'c.code as commune_code',
      'c.name as commune_name',
      'c.kind as commune_kind',
      'n.id as unit_id',
      'n.code as unit_code',
      'n.name as unit_name',
      (eb) =>
        eb
          .selectFrom('service_officials as o')
          .select('o.id')
          .whereRef('o.user_id', '=', 'u.id')
          .whereRef('o.commune_id', '=', 'u.commune_id')
          .limit(1)
          .as('service_official_id'),
    ])
    .where('u.id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  return {
    user: {
      id: row.id,
      username: row.username,
      fullName: row.full_name,
      email: row.email,
      phone: row.phone,
      roles: row.roles,
      mustChangePassword: row.must_change_password,
    },
    commune: row.commune_id
      ? {
          id: row.commune_id,
          code: row.commune_code!,
          name: row.commune_name!,
          kind: row.commune_kind!,
          cityId: row.city_id,
        }
      : null,
    city: { id: row.city_id, code: row.city_code, name: row.city_name },
    unit: row.unit_id ? { id: row.unit_id, code: row.unit_code!, name: row.unit_name! } : null,
    csrfToken: actor.csrfToken ?? null,
    serviceOfficialId: row.service_official_id ?? null,
    readOnly,
  };
}
