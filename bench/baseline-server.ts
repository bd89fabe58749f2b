/**
 * The baselines of `npm run bench`: the plainest Fastify server doing the same database work as
 * cqtt, written by hand. No plugins, no logging, no query builder, no validation library, no
 * security headers: a session cookie hashed with sha256 and looked up, the same SQL as cqtt runs
 * (read from cqtt's code and PostgreSQL's statement log), the rows mapped to the same JSON.
 *
 * Runs as its own process, like cqtt (`tsx bench/baseline-server.ts`), on PostgreSQL
 * (BASELINE_DATABASE_URL, a pg.Pool of 10 connections: cqtt's pool size) or on PGlite
 * (BASELINE_PGLITE_DIR, a copy of cqtt's database folder). Prints `{"url": ...}` once listening.
 *
 *  GET  /bare                      nothing at all (context only)
 *  GET  /me                        (a) the session lookup and the user/commune/city/unit query of GET /api/me
 *  POST /ratings                   (b) a rating and its audit row, one transaction per request, durable commit
 *  GET  /plans/:id/occurrences     the queries of GET /api/plans/:id/occurrences?year=
 *  GET  /feedback                  the queries of GET /api/feedback?status=open (the queue's first page)
 *  GET  /satisfaction/dashboard    the queries of GET /api/satisfaction/dashboard for a counter official
 */
import { createHash } from 'node:crypto';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';

// biome-ignore lint/suspicious/noExplicitAny: rows as pg returns them, mapped by hand
type Row = Record<string, any>;
interface Db {
  query<R = Row>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
  /** BEGIN, the work, COMMIT (ROLLBACK on error), on one connection. */
  transaction<T>(work: (q: Db['query']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function postgres(url: string): Db {
  // cqtt keeps dates as strings and counts as numbers; so does the baseline
  pg.types.setTypeParser(1082, (v: string) => v);
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return {
    query: (text, values) => pool.query(text, values) as never,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work((text, values) => client.query(text, values) as never);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function embedded(dir: string): Promise<Db> {
  const db = await PGlite.create(dir, {
    parsers: {
      [pgliteTypes.DATE]: (v: string) => v,
      [pgliteTypes.INT8]: (v: string) => Number(v),
    },
  });
  return {
    query: (text, values) => db.query(text, values) as never,
    transaction: (work) => db.transaction((tx) => work((text, values) => tx.query(text, values) as never)),
    close: () => db.close(),
  };
}

const SESSION = `
  select u.id, u.username, u.full_name, u.roles, u.city_id, u.commune_id, u.unit_id, s.csrf_token, s.last_seen_at
  from sessions s join users u on u.id = s.user_id
  where s.id_hash = $1 and s.expires_at > $2 and u.is_active = $3`;

const ME = `
  select u.id, u.username, u.full_name, u.email, u.phone, u.roles, u.must_change_password,
    t.id as city_id, t.code as city_code, t.name as city_name,
    c.id as commune_id, c.code as commune_code, c.name as commune_name, c.kind as commune_kind,
    n.id as unit_id, n.code as unit_code, n.name as unit_name,
    (select o.id from service_officials o where o.user_id = u.id and o.commune_id = u.commune_id limit $1)
      as service_official_id
  from users u
  join cities t on t.id = u.city_id
  left join communes c on c.id = u.commune_id
  left join units n on n.commune_id = u.commune_id and n.id = u.unit_id
  where u.id = $2`;

interface User {
  id: string;
  username: string;
  full_name: string;
  roles: string[];
  city_id: string;
  commune_id: string | null;
  unit_id: string | null;
  csrf_token: string;
  last_seen_at: Date | string;
}

function sessionToken(cookie: string | undefined): string | null {
  if (!cookie) return null;
  for (const part of cookie.split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === 'cqtt_session' && value) return decodeURIComponent(value);
  }
  return null;
}

/** Who the request is, as cqtt's session check does it: one query, and last_seen_at once a minute. */
async function signedIn(db: Db, cookie: string | undefined): Promise<User | null> {
  const token = sessionToken(cookie);
  if (!token) return null;
  const hash = createHash('sha256').update(token).digest('hex');
  const user = (await db.query<User>(SESSION, [hash, new Date(), true])).rows[0];
  if (!user) return null;
  if (Date.now() - new Date(user.last_seen_at).getTime() > 60_000)
    await db.query('update sessions set last_seen_at = $1 where id_hash = $2', [new Date(), hash]);
  return user;
}

const ON_TIME_OPEN = `('received','accepted','assigned','drafted','approved')`;

export async function openBaselineDb(env: NodeJS.ProcessEnv): Promise<Db> {
  const url = env.BASELINE_DATABASE_URL;
  const dir = env.BASELINE_PGLITE_DIR;
  const db = url ? postgres(url) : dir ? await embedded(dir) : null;
  if (!db) throw new Error('BASELINE_DATABASE_URL or BASELINE_PGLITE_DIR');
  return db;
}

export function buildBaseline(db: Db) {
  const app = Fastify({ logger: false });
  const unauthorised = { error: { code: 'unauthenticated' } };

  app.get('/bare', async () => ({ status: 'ok' }));

  app.get('/me', async (req, reply) => {
    const user = await signedIn(db, req.headers.cookie);
    if (!user) return reply.code(401).send(unauthorised);
    const r = (await db.query<Row>(ME, [1, user.id])).rows[0]!;
    return {
      user: {
        id: r.id,
        username: r.username,
        fullName: r.full_name,
        email: r.email,
        phone: r.phone,
        roles: r.roles,
        mustChangePassword: r.must_change_password,
      },
      commune: r.commune_id
        ? {
            id: r.commune_id,
            code: r.commune_code,
            name: r.commune_name,
            kind: r.commune_kind,
            cityId: r.city_id,
          }
        : null,
      city: { id: r.city_id, code: r.city_code, name: r.city_name },
      unit: r.unit_id ? { id: r.unit_id, code: r.unit_code, name: r.unit_name } : null,
      csrfToken: user.csrf_token,
      serviceOfficialId: r.service_official_id ?? null,
      readOnly: false,
    };
  });

  app.post('/ratings', async (req, reply) => {
    const b = req.body as {
      communeCode?: string;
      clientId?: string;
      dossierCode?: string;
      score?: number;
      channel?: string;
    };
    if (typeof b?.communeCode !== 'string' || typeof b.clientId !== 'string' || typeof b.score !== 'number')
      return reply.code(400).send({ error: { code: 'validation_error' } });
    const ip = req.ip;
    const id = await db.transaction(async (q) => {
      const rating = (
        await q<{ id: string; commune_id: string }>(
          `insert into ratings (commune_id, client_id, dossier_code, score, channel, rated_on)
           select c.id, $2, $3, $4, $5, (now() at time zone 'Asia/Ho_Chi_Minh')::date
           from communes c where c.code = $1
           returning id, commune_id`,
          [b.communeCode, b.clientId, b.dossierCode ?? null, b.score, b.channel ?? 'qr'],
        )
      ).rows[0];
      if (!rating) return null;
      await q(
        `insert into audit_log (actor_name, commune_id, action, entity_type, entity_id, after, request_id, ip)
         values ('người dân', $1, 'ratings.create', 'rating', $2, $3, $4, $5)`,
        [
          rating.commune_id,
          rating.id,
          JSON.stringify({ score: b.score, channel: b.channel, dossierCode: b.dossierCode ?? null }),
          req.id,
          ip,
        ],
      );
      return rating.id;
    });
    if (!id) return reply.code(404).send({ error: { code: 'not_found' } });
    return reply.code(201).send({ id });
  });

  app.get('/plans/:id/occurrences', async (req, reply) => {
    const user = await signedIn(db, req.headers.cookie);
    if (!user) return reply.code(401).send(unauthorised);
    const planId = (req.params as { id: string }).id;
    const year = Number((req.query as { year?: string }).year ?? new Date().getFullYear());
    const plan = (
      await db.query<{ id: string; commune_id: string }>(
        'select * from plans where id = $1 and commune_id in (select id from communes where id = $2)',
        [planId, user.commune_id],
      )
    ).rows[0];
    if (!plan) return reply.code(404).send({ error: { code: 'not_found' } });
    const tasks = (
      await db.query<Row>('select * from plan_tasks where commune_id = $1 and plan_id = $2 order by number', [
        plan.commune_id,
        plan.id,
      ])
    ).rows;
    const units = new Map(
      (
        await db.query<{ id: string; code: string; name: string }>(
          'select id, code, name from units where commune_id = $1',
          [plan.commune_id],
        )
      ).rows.map((u) => [u.id, u]),
    );
    const ids = tasks.map((t) => t.id);
    const list = `(${ids.map((_, i) => `$${i + 3}`).join(', ')})`;
    const years = (
      await db.query<Row>(
        `select * from task_years where commune_id = $1 and year = $2 and task_id in ${list}`,
        [plan.commune_id, year, ...ids],
      )
    ).rows;
    const [notes, difficulties] = await Promise.all([
      db.query<{ task_id: string; n: number }>(
        `select task_id, count(*)::int as n from progress_notes
         where commune_id = $1 and year = $2 and task_id in ${list} group by task_id`,
        [plan.commune_id, year, ...ids],
      ),
      db.query<{ task_id: string; n: number }>(
        `select task_id, count(*)::int as n from difficulties
         where commune_id = $1 and year = $2 and answer is null and task_id in ${list} group by task_id`,
        [plan.commune_id, year, ...ids],
      ),
    ]);
    const state = new Map(years.map((y) => [y.task_id, y]));
    const noteCount = new Map(notes.rows.map((n) => [n.task_id, n.n]));
    const open = new Map(difficulties.rows.map((d) => [d.task_id, d.n]));
    return tasks
      .filter((t) => t.is_active)
      .map((t) => {
        const s = state.get(t.id) as Row | undefined;
        return {
          taskId: t.id,
          planId: t.plan_id,
          taskNumber: t.number,
          content: t.content,
          scheduleText: t.schedule_text,
          year,
          leadUnit: units.get(t.lead_unit_id) ?? null,
          coordinatingUnits: (t.coordinating_unit_ids as string[]).map((u) => units.get(u) ?? null),
          coordinatingText: t.coordinating_text,
          progress: s?.progress ?? 0,
          completedOn: s?.completed_on ?? null,
          noteCount: noteCount.get(t.id) ?? 0,
          openDifficulties: open.get(t.id) ?? 0,
        };
      });
  });

  app.get('/feedback', async (req, reply) => {
    const user = await signedIn(db, req.headers.cookie);
    if (!user) return reply.code(401).send(unauthorised);
    const q = req.query as { page?: string; pageSize?: string };
    const page = Number(q.page ?? 1);
    const pageSize = Number(q.pageSize ?? 20);
    const open = ['received', 'accepted', 'assigned', 'drafted', 'approved'];
    const from = `from feedback_items i
      left join feedback_categories c on c.commune_id = i.commune_id and c.id = i.category_id
      left join units u on u.commune_id = i.commune_id and u.id = i.unit_id
      where i.commune_id = $1 and i.status in ($2, $3, $4, $5, $6)`;
    const total = (await db.query<{ n: number }>(`select count(*) as n ${from}`, [user.commune_id, ...open]))
      .rows[0]!.n;
    const rows = (
      await db.query<Row>(
        `select i.commune_id, i.id, i.kind, i.tracking_code, i.source, i.category_id, c.code as category_code,
           c.name as category_name, i.content, i.address, i.lat, i.lng, i.name, i.phone, i.email, i.allow_publish,
           i.status, i.received_on, i.deadline, i.unit_id, u.name as unit_name, i.merged_into_id, i.decision_note,
           i.answer, i.answered_on, i.rating, i.rated_at, i.difficulty_id, i.created_at
         ${from}
         order by case when i.status in ${ON_TIME_OPEN} then 0 else 1 end,
           case when i.status in ${ON_TIME_OPEN} then i.deadline end, i.created_at desc
         limit $7 offset $8`,
        [user.commune_id, ...open, pageSize, (page - 1) * pageSize],
      )
    ).rows;
    const holidays = (
      await db.query<{ day: string }>(
        'select day from holidays where (commune_id = $1 or city_id = (select city_id from communes where id = $2))',
        [user.commune_id, user.commune_id],
      )
    ).rows;
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        trackingCode: r.tracking_code,
        source: r.source,
        category: r.category_id ? { id: r.category_id, code: r.category_code, name: r.category_name } : null,
        content: r.content,
        address: r.address,
        status: r.status,
        receivedOn: r.received_on,
        deadline: r.deadline,
        unit: r.unit_id ? { id: r.unit_id, name: r.unit_name } : null,
        answer: r.answer,
        answeredOn: r.answered_on,
        rating: r.rating,
        createdAt: r.created_at,
        holidays: holidays.length,
      })),
      total,
      page,
      pageSize,
    };
  });

  app.get('/satisfaction/dashboard', async (req, reply) => {
    const user = await signedIn(db, req.headers.cookie);
    if (!user) return reply.code(401).send(unauthorised);
    const q = req.query as { from: string; to: string };
    const communeId = user.commune_id;
    // the service centre's focal sees every figure; a counter official her own
    await db.query('select code from units where commune_id = $1 and id = $2', [communeId, user.unit_id]);
    const own = (
      await db.query<{ id: string }>(
        'select id from service_officials where commune_id = $1 and user_id = $2',
        [communeId, user.id],
      )
    ).rows[0];
    if (!own) return reply.code(403).send({ error: { code: 'forbidden' } });
    const where = `where r.commune_id = $1 and r.hidden_at is null and r.rated_on >= $2 and r.rated_on <= $3
      and r.official_id = $4`;
    const p = [communeId, q.from, q.to, own.id];
    const [trend, byCounter, byOfficial, byProcedure, conduct, anonymous] = await Promise.all([
      db.query<Row>(
        `select to_char(r.rated_on, 'YYYY-MM') as key, r.score, count(*) as n from ratings r ${where}
         group by to_char(r.rated_on, 'YYYY-MM'), r.score`,
        p,
      ),
      db.query<Row>(
        `select r.counter_id as key, 'Quầy ' || c.number || ' - ' || c.name as label, r.score, count(*) as n
         from ratings r left join service_counters c on c.commune_id = r.commune_id and c.id = r.counter_id
         ${where} group by r.counter_id, c.number, c.name, r.score`,
        p,
      ),
      db.query<Row>(
        `select r.official_id as key, o.full_name as label, r.score, count(*) as n
         from ratings r left join service_officials o on o.commune_id = r.commune_id and o.id = r.official_id
         ${where} group by r.official_id, o.full_name, r.score`,
        p,
      ),
      db.query<Row>(
        `select r.procedure_code as key, r.procedure_code || ' - ' || coalesce(p.name, '') as label, r.score,
           count(*) as n
         from ratings r left join procedures p on p.commune_id = r.commune_id and p.code = r.procedure_code
         ${where} group by r.procedure_code, p.name, r.score`,
        p,
      ),
      db.query<{ id: string; full_name: string; conduct_done: string[]; conduct_breaches: string[] }>(
        `select o.id, o.full_name, r.conduct_done, r.conduct_breaches
         from ratings r join service_officials o on o.commune_id = r.commune_id and o.id = r.official_id ${where}`,
        p,
      ),
      db.query<Row>(
        `select r.score, count(*) as n from ratings r ${where} and r.dossier_code is null group by r.score`,
        p,
      ),
    ]);
    const tally = (rows: Row[]) => {
      const groups = new Map<unknown, { key: unknown; label: unknown; ratings: number; satisfied: number }>();
      for (const r of rows) {
        const g = groups.get(r.key) ?? { key: r.key, label: r.label ?? r.key, ratings: 0, satisfied: 0 };
        g.ratings += Number(r.n);
        if (Number(r.score) >= 4) g.satisfied += Number(r.n);
        groups.set(r.key, g);
      }
      return [...groups.values()];
    };
    const conductByOfficial = new Map<string, { officialId: string; fullName: string; ratings: number }>();
    for (const r of conduct.rows) {
      const c = conductByOfficial.get(r.id) ?? { officialId: r.id, fullName: r.full_name, ratings: 0 };
      c.ratings++;
      conductByOfficial.set(r.id, c);
    }
    return {
      from: q.from,
      to: q.to,
      ownOnly: true,
      counter: tally(anonymous.rows),
      trend: tally(trend.rows),
      byCounter: tally(byCounter.rows),
      byOfficial: tally(byOfficial.rows),
      byProcedure: tally(byProcedure.rows),
      conduct: [...conductByOfficial.values()],
    };
  });

  return app;
}

async function main() {
  const db = await openBaselineDb(process.env);
  const app = buildBaseline(db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  console.log(JSON.stringify({ url: `http://127.0.0.1:${address.port}` }));
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
