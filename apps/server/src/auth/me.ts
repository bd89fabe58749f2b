import { CompiledQuery, type Kysely } from 'kysely';
import { z } from 'zod';
import { preparedStatement } from '../db/prepared.ts';
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

interface MeRow {
  id: string;
  username: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  roles: string[];
  must_change_password: boolean;
  city_id: string;
  city_code: string;
  city_name: string;
  commune_id: string | null;
  commune_code: string | null;
  commune_name: string | null;
  commune_kind: string | null;
  unit_id: string | null;
  unit_code: string | null;
  unit_name: string | null;
  service_official_id: string | null;
}

/** Asked by every console page: written out and prepared once per connection (db/prepared.ts). */
const ME = preparedStatement(
  'me',
  `select u.id, u.username, u.full_name, u.email, u.phone, u.roles, u.must_change_password,
    t.id as city_id, t.code as city_code, t.name as city_name,
    c.id as commune_id, c.code as commune_code, c.name as commune_name, c.kind as commune_kind,
    n.id as unit_id, n.code as unit_code, n.name as unit_name,
    (select o.id from service_officials o where o.user_id = u.id and o.commune_id = u.commune_id limit 1)
      as service_official_id
  from users u
  join cities t on t.id = u.city_id
  left join communes c on c.id = u.commune_id
  left join units n on n.commune_id = u.commune_id and n.id = u.unit_id
  where u.id = $1`,
);

/** What the console needs to know about the signed-in user, in one query. */
export async function loadMe(
  db: Kysely<DB>,
  actor: Actor,
  readOnly = false,
): Promise<z.infer<typeof MeResponse>> {
  const row = (await db.executeQuery<MeRow>(CompiledQuery.raw(ME, [actor.userId]))).rows[0];
  if (!row) throw new Error(`user ${actor.userId} not found`);
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
