/**
 * `npm run bench:city -w bench` (also run by `npm run bench`): the city's workspace at national
 * scale (issue 13), on a PostgreSQL of its own.
 *
 *  - Starts its own PostgreSQL 15 (initdb in a temporary folder as the user postgres, a free
 *    loopback port; never the shared test server) unless BENCH_CITY_PGDATA names a folder seeded
 *    by an earlier run, which is reused as it is.
 *  - Seeds 3,321 communes × 5 years (2022-2026: figures never count the future, so the five years
 *    end this year): Hải Phòng's 114 communes with full raw volumes (ratings, questionnaire answers,
 *    feedback, outreach, plan occurrences, assessments, budget), the other 3,207 with the same
 *    volumes of everything but ratings and questionnaire answers, for which they hold the yearly
 *    tallies cqtt keeps (rating_years, survey_*_years) plus a sample of raw ratings: the last two
 *    days, which the figures count live (bench/README.md says why).
 *  - Times, through HTTP on loopback, as snv.haiphong: the side-by-side view for one year and for
 *    five years, the city home; as bnv.quocgia (role national): the whole country for one year.
 *    Prints p50/p95 over BENCH_CITY_RUNS requests, the query count per request (x-query-count),
 *    and a baseline: the same grouped reads by hand (Fastify + pg, one statement per table).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allIndicators, maxTotal, validateCriteriaSet, vietnamDate } from '@cqtt/domain';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { MEASURES } from '../apps/server/src/capabilities.ts';
import { DEFAULT_DEMO_PASSWORD, loadConfig } from '../apps/server/src/config.ts';
import { openDatabase } from '../apps/server/src/db/database.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { seedDemo } from '../apps/server/src/demo/seed.ts';

const PG_BIN = process.env.BENCH_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const RUNS = Number(process.env.BENCH_CITY_RUNS ?? 30);
const RATINGS_PER_YEAR = Number(process.env.BENCH_CITY_RATINGS ?? 25_000);
const CITIES = 34; // the provinces and cities after the 2025 reform
const COMMUNES = Number(process.env.BENCH_CITY_COMMUNES ?? 3321);
const HP_COMMUNES = Number(process.env.BENCH_CITY_HP ?? 114);
const YEARS = [2022, 2023, 2024, 2025, 2026];
const TARGETS = { cityYear: 300, cityFiveYears: 600, country: 2000, home: 300 };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const asPostgres = (args: string[]) => ['-u', 'postgres', '--', ...args];

async function startPostgres(dir: string, port: number): Promise<() => void> {
  const data = join(dir, 'data');
  if (!existsSync(join(data, 'PG_VERSION'))) {
    mkdirSync(data, { recursive: true });
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    chownSync(data, uid, gid);
    execFileSync(
      'runuser',
      asPostgres([
        join(PG_BIN, 'initdb'),
        '-D',
        data,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
      ]),
      { stdio: 'ignore' },
    );
  }
  const settings = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    '-c fsync=off', // a benchmark database, loaded once: durability is not what is measured
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c shared_buffers=1GB',
    '-c work_mem=64MB',
    '-c maintenance_work_mem=512MB',
    '-c max_wal_size=16GB',
    '-c jit=off',
  ].join(' ');
  execFileSync(
    'runuser',
    asPostgres([
      join(PG_BIN, 'pg_ctl'),
      '-D',
      data,
      '-l',
      join(dir, 'postgres.log'),
      '-w',
      '-o',
      settings,
      'start',
    ]),
    { stdio: 'ignore' },
  );
  return () => {
    try {
      execFileSync('runuser', asPostgres([join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop']), {
        stdio: 'ignore',
      });
    } catch {
      // already stopped
    }
  };
}

/** The bench's criteria set: 60 indicators over five groups, 100 points, the sample's level rules. */
function benchSet() {
  const groups = ['I', 'II', 'III', 'IV', 'V'].map((g, gi) => ({
    code: g,
    name: `Nhóm ${g}`,
    criteria: [1, 2, 3, 4].map((c) => ({
      code: `${g}.${c}`,
      name: `Tiêu chí ${g}.${c}`,
      maxPoints: 5,
      indicators: [1, 2, 3].map((i) => ({
        code: `${g}.${c}.${i}`,
        name: `Chỉ tiêu ${g}.${c}.${i}`,
        maxPoints: i === 3 ? 1.66 : 1.67,
        measure:
          gi === 4 && c === 1 && i === 1
            ? 'satisfaction.index'
            : gi === 3 && c === 1 && i === 1
              ? 'feedback.answeredOnTimeShare'
              : gi === 0 && c === 1 && i === 1
                ? 'plans.tasksOnTimeShare'
                : null,
      })),
    })),
  }));
  const { set, problems } = validateCriteriaSet(
    {
      code: 'BENCH',
      name: 'Bộ tiêu chí đo hiệu năng (60 chỉ tiêu)',
      issuedBy: 'cqtt bench',
      decision: 'bench',
      effectiveFrom: '2022-01-01',
      groups,
      levels: [
        { level: 1, minTotal: 50 },
        { level: 2, minTotal: 65, mandatory: ['I.1'] },
        { level: 3, minTotal: 80, mandatory: ['I.1', 'II.1'], minGroupShare: 0.6 },
        {
          level: 4,
          minTotal: 90,
          mandatory: ['I.1', 'II.1', 'III.1'],
          minGroupShare: 0.75,
          minIndex: { 'plans.tasksOnTimeShare': 0.9, 'satisfaction.index': 0.9 },
        },
      ],
    },
    MEASURES.map((m) => m.key),
  );
  if (!set) throw new Error(`bench set: ${JSON.stringify(problems)}`);
  return set;
}

async function timed(client: pg.Client, label: string, sql: string, params: unknown[] = []) {
  const started = performance.now();
  const r = await client.query(sql, params);
  const s = (performance.now() - started) / 1000;
  const rows = r.rowCount ?? 0;
  console.log(
    `  ${label.padEnd(44)} ${rows.toLocaleString('en').padStart(12)} rows ${s.toFixed(1).padStart(7)} s ${rows > 0 ? `${Math.round(rows / s).toLocaleString('en')} rows/s` : ''}`,
  );
}

async function seed(url: string) {
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  await migrate(database);
  await seedDemo(database.db, process.env.CQTT_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD);
  await database.close();
  const set = benchSet();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const today = vietnamDate(new Date());
  const sealed = (() => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 2);
    return d.toISOString().slice(0, 10);
  })();
  console.log(
    `Seeding ${COMMUNES} communes × ${YEARS.length} years (today ${today}, ratings sealed through ${sealed})`,
  );
  const q = (label: string, sql: string, params: unknown[] = []) => timed(client, label, sql, params);
  // Loaded once by set-based statements that keep every key consistent: foreign-key and tally
  // triggers are skipped (session_replication_role), the questionnaire tallies are computed below
  // exactly as migration 0015 computes them, and the ratings' secondary indexes are built after.
  await client.query(`set session_replication_role = replica`);
  await client.query(`drop index ratings_by_day; drop index ratings_one_per_dossier;
    alter table ratings drop constraint ratings_commune_id_client_id_key`);
  await q(
    'cities',
    `insert into cities (code, name) select 'T' || lpad(i::text, 2, '0'), 'Tỉnh số ' || i from generate_series(3, $1) i`,
    [CITIES],
  );
  // Hải Phòng: its 3 demo communes and 111 more; Hà Nội and the 32 other cities share the rest.
  await q(
    'communes of Hải Phòng',
    `insert into communes (city_id, code, name, kind)
    select (select id from cities where code = 'HP'), 'HP-B' || lpad(i::text, 3, '0'),
           (array['Xã', 'Phường', 'Đặc khu'])[1 + i % 3] || ' Thử nghiệm ' || i, (array['xa', 'phuong', 'dac_khu'])[1 + i % 3]
      from generate_series(1, $1) i`,
    [HP_COMMUNES - 3],
  );
  await q(
    'communes of the other cities',
    `insert into communes (city_id, code, name, kind)
    select c.id, c.code || '-B' || lpad(i::text, 4, '0'), (array['Xã', 'Phường'])[1 + i % 2] || ' Số ' || i || ' ' || c.name,
           (array['xa', 'phuong'])[1 + i % 2]
      from generate_series(1, $1) i
      join lateral (select id, code, name from cities where code <> 'HP' order by code offset (i % ($2 - 1)) limit 1) c on true`,
    [COMMUNES - HP_COMMUNES - 1, CITIES],
  );
  await q(
    'bench communes (marker)',
    `create table bench_communes as select c.id, t.code = 'HP' as full_raw from communes c join cities t on t.id = c.city_id where c.code ~ '-B[0-9]+$'`,
  );
  await q(
    'criteria set per city',
    `insert into criteria_sets (city_id, code, version, name, issued_by, decision, effective_from, definition, max_total)
    select id, 'BENCH', 1, $1, 'cqtt bench', 'bench', '2022-01-01', $2::jsonb, $3 from cities`,
    [set.name, JSON.stringify(set), maxTotal(set)],
  );
  await q(
    'units',
    `insert into units (commune_id, code, name, updated_at) select id, 'VHXH', 'Phòng Văn hóa - Xã hội', now() from bench_communes`,
  );
  await q(
    'villages (10 a commune)',
    `insert into villages (commune_id, name, households, updated_at)
    select b.id, 'Thôn ' || i, 200 + i * 10, now() from bench_communes b, generate_series(1, 10) i`,
  );
  await q(
    'users: the ministry',
    `insert into users (city_id, username, full_name, password_hash, roles, is_demo, updated_at)
    select city_id, 'bnv.bench', 'Bộ Nội vụ (bench)', password_hash, array['national'], true, now() from users where username = 'snv.haiphong'`,
  );
  await q(
    'plans',
    `insert into plans (commune_id, title, targets, period_from, period_to, updated_at)
    select id, 'Kế hoạch thực hiện mô hình', '[{"year":2026,"level":3,"satisfaction":0.9}]', 2022, 2030, now() from bench_communes`,
  );
  await q(
    'plan tasks (40 a commune)',
    `insert into plan_tasks (commune_id, plan_id, number, content, schedule, schedule_text, lead_unit_id, added_on, updated_at)
    select p.commune_id, p.id, i, 'Nhiệm vụ ' || i,
           jsonb_build_object('kind', 'before_date', 'day', 1 + (i * 7) % 28, 'month', 1 + i % 12), 'Trước ngày', u.id, '2022-01-01', now()
      from plans p join bench_communes b on b.id = p.commune_id
      join units u on u.commune_id = p.commune_id, generate_series(1, 40) i`,
  );
  await q(
    'task occurrences (5 years)',
    `insert into task_years (commune_id, task_id, year, progress, completed_on, updated_at)
    select t.commune_id, t.id, y, 100,
           least(make_date(y, (t.schedule->>'month')::int, (t.schedule->>'day')::int) - ((hashtext(t.id::text || y) & 15) - 3), $1::date),
           now()
      from plan_tasks t join bench_communes b on b.id = t.commune_id, generate_series(2022, 2026) y
     where make_date(y, (t.schedule->>'month')::int, (t.schedule->>'day')::int) - 20 < $1::date
       and (hashtext(t.id::text || y || 'x') & 7) <> 0`,
    [today],
  );
  await q(
    'questionnaires',
    `insert into questionnaires (commune_id, version, title, elements, is_active)
    select b.id, 1, q.title, q.elements, true from bench_communes b,
      (select title, elements from questionnaires order by created_at limit 1) q`,
  );
  await q(
    'level registrations',
    `insert into level_registrations (commune_id, year, target_level, justification, sent_at, on_time)
    select b.id, y, 2 + (hashtext(b.id::text || y) & 1), 'Đăng ký', make_date(y, 2, 1) + (hashtext(b.id::text || y) & 31), (hashtext(b.id::text || y) & 31) < 14
      from bench_communes b, generate_series(2022, 2026) y where (hashtext(b.id::text || y || 'r') & 15) <> 0`,
  );
  await q(
    'assessments',
    `insert into assessments (commune_id, year, criteria_set_id, status, submitted_at, recognised_level, decision_number, decision_date, updated_at)
    select b.id, y, s.id,
           case when y < 2026 then 'recognised' else (array['self_scoring', 'submitted', 'recognised', 'approved'])[1 + (hashtext(b.id::text) & 3)] end,
           case when y < 2026 or (hashtext(b.id::text) & 3) in (1, 2) then make_date(y, 11, 1) + (hashtext(b.id::text || y) & 15) end,
           case when y < 2026 or (hashtext(b.id::text) & 3) = 2 then 2 + (hashtext(b.id::text || y) & 1) end,
           case when y < 2026 or (hashtext(b.id::text) & 3) = 2 then (hashtext(b.id::text || y) & 999) || '/QĐ-UBND' end,
           case when y < 2026 or (hashtext(b.id::text) & 3) = 2 then make_date(y, 11, 25) end,
           now()
      from bench_communes b join communes c on c.id = b.id join criteria_sets s on s.city_id = c.city_id and s.code = 'BENCH',
           generate_series(2022, 2026) y`,
  );
  const codes = allIndicators(set).map((x) => x.indicator.code);
  await q(
    `assessment scores (${codes.length} an assessment)`,
    `insert into assessment_scores (commune_id, assessment_id, indicator_code, self_points, self_at)
    select a.commune_id, a.id, code, 100 + (hashtext(a.id::text || code) & 63), now()
      from assessments a join bench_communes b on b.id = a.commune_id, unnest($1::text[]) code`,
    [codes],
  );
  await q(
    'feedback (300 a commune-year)',
    `insert into feedback_items (commune_id, kind, tracking_code, source, content, status, received_on, deadline, answered_on, rating, rated_at)
    select b.id, 'feedback', 'PA-' || substr(md5(b.id::text || y || i), 1, 20), 'web', 'Phản ánh',
           case when d + 10 > $1::date then 'assigned' when (i & 7) = 0 then 'assigned' when (i & 3) = 1 then 'rated' else 'published' end,
           d, d + 10,
           case when d + 10 > $1::date or (i & 7) = 0 then null else d + (i % 14) end,
           case when d + 10 <= $1::date and (i & 7) <> 0 and (i & 3) = 1 then (array['satisfied', 'unsatisfied'])[1 + (i % 5 = 0)::int] end,
           case when d + 10 <= $1::date and (i & 7) <> 0 and (i & 3) = 1 then (d + 15)::timestamptz end
      from bench_communes b, generate_series(2022, 2026) y, generate_series(1, 300) i,
           lateral (select make_date(y, 1, 1) + ((i * 97 + abs(hashtext(b.id::text) % 100000)) % 365) as d) dd
     where d <= $1::date`,
    [today],
  );
  await q(
    'outreach (100 a commune-year)',
    `insert into outreach_activities (commune_id, kind, title, held_on, village_id, audience)
    select b.id, (array['conference', 'loudspeaker', 'zalo', 'banner'])[1 + i % 4], 'Tuyên truyền', d, v.id, 30 + i % 50
      from bench_communes b cross join generate_series(2022, 2026) y cross join generate_series(1, 100) i
      cross join lateral (select make_date(y, 1, 1) + ((i * 53) % 365) as d) dd
      left join (select id, commune_id, (row_number() over (partition by commune_id order by name))::int - 1 as k from villages) v
        on v.commune_id = b.id and v.k = i % 12
     where d <= $1::date`,
    [today],
  );
  await q(
    'budget estimates',
    `insert into budget_estimates (commune_id, year, title, status, updated_at)
    select b.id, y, 'Dự toán', 'approved', now() from bench_communes b, generate_series(2022, 2026) y`,
  );
  await q(
    'budget lines (10 an estimate)',
    `insert into budget_lines (commune_id, estimate_id, number, content, amount, source, approved_amount)
    select e.commune_id, e.id, i, 'Nội dung ' || i, 10000000 * i, 'commune', 9000000 * i
      from budget_estimates e join bench_communes b on b.id = e.commune_id, generate_series(1, 10) i`,
  );
  await q(
    'budget spendings (3 a line)',
    `insert into budget_spendings (commune_id, line_id, spent_on, amount, content)
    select l.commune_id, l.id, least(make_date(e.year, 3 * i, 10), $1::date), 2000000 * l.number, 'Chi'
      from budget_lines l join budget_estimates e on e.commune_id = l.commune_id and e.id = l.estimate_id
      join bench_communes b on b.id = l.commune_id, generate_series(1, 3) i`,
    [today],
  );
  // Ratings: full raw volume for Hải Phòng, dated by day, ~RATINGS_PER_YEAR a commune-year.
  await q(
    `raw ratings, Hải Phòng (${RATINGS_PER_YEAR.toLocaleString('en')} a commune-year)`,
    `insert into ratings (commune_id, client_id, dossier_code, score, channel, rated_on, created_at)
    select b.id, gen_random_uuid(), case when (i & 3) = 0 then null else 'HS-' || y || '-' || i end,
           (array[5, 5, 5, 4, 4, 4, 4, 3, 2, 1])[1 + (i * 7 + abs(hashtext(b.id::text) % 1000)) % 10],
           'qr', d, d::timestamptz + interval '9 hours'
      from bench_communes b, generate_series(2022, 2026) y, generate_series(1, $2) i,
           lateral (select make_date(y, 1, 1) + (i % 365) as d) dd
     where b.full_raw and d <= $1::date`,
    [today, RATINGS_PER_YEAR],
  );
  await q(
    'day tallies of sealed days, Hải Phòng',
    `insert into rating_days (commune_id, rated_on, score, with_dossier, n)
    select r.commune_id, rated_on, score, dossier_code is not null, count(*) from ratings r join bench_communes b on b.id = r.commune_id
     where b.full_raw and rated_on <= $1::date group by 1, 2, 3, 4`,
    [sealed],
  );
  await q(
    'year tallies of sealed days, Hải Phòng',
    `insert into rating_years (commune_id, year, score, with_dossier, n)
    select r.commune_id, extract(year from rated_on)::int, score, dossier_code is not null, count(*) from ratings r join bench_communes b on b.id = r.commune_id
     where b.full_raw and rated_on <= $1::date group by 1, 2, 3, 4`,
    [sealed],
  );
  // The other communes: the same year tallies (as sealing would have made them) and, as raw rows,
  // the two live days the figures count from the ratings themselves.
  await q(
    'year tallies, other communes',
    `insert into rating_years (commune_id, year, score, with_dossier, n)
    select b.id, y, s, w, ($1::int / 10 * (case s when 5 then 3 when 4 then 4 else 1 end) / (case when w then 1 else 3 end))::int
      from bench_communes b, generate_series(2022, 2026) y, generate_series(1, 5) s, (values (true), (false)) v(w)
     where not b.full_raw`,
    [RATINGS_PER_YEAR],
  );
  await q(
    'raw ratings of the live days, other communes',
    `insert into ratings (commune_id, client_id, dossier_code, score, channel, rated_on, created_at)
    select b.id, gen_random_uuid(), 'HS-L-' || i, 1 + (i % 5), 'qr', d, d::timestamptz + interval '9 hours'
      from bench_communes b, generate_series(1, 140) i, lateral (select $1::date - (i % 2) as d) dd
     where not b.full_raw`,
    [today],
  );
  await q(
    'seals',
    `insert into rating_seals (commune_id, sealed_through) select id, $1::date from bench_communes
    on conflict (commune_id) do update set sealed_through = excluded.sealed_through`,
    [sealed],
  );
  // Questionnaires: 500 responses a commune-year, 5 answers each; raw (their triggers keep the
  // tallies) for Hải Phòng, tallies only elsewhere.
  await q(
    'survey responses, Hải Phòng (500 a commune-year)',
    `insert into survey_responses (commune_id, questionnaire_id, client_id, answers, responded_on)
    select b.id, q.id, gen_random_uuid(), '{}'::jsonb, make_date(y, 1, 1) + (i % 330)
      from bench_communes b join questionnaires q on q.commune_id = b.id, generate_series(2022, 2026) y, generate_series(1, 500) i
     where b.full_raw and make_date(y, 1, 1) + (i % 330) <= $1::date`,
    [today],
  );
  await q(
    'survey answers, Hải Phòng (5 a response)',
    `insert into survey_answers (commune_id, response_id, element_key, question_key, score, responded_on)
    select r.commune_id, r.id, e, e || '_1', 1 + (hashtext(r.id::text || e) & 2147483647) % 5, r.responded_on
      from survey_responses r join bench_communes b on b.id = r.commune_id and b.full_raw,
           unnest(array['tiep_can', 'thu_tuc', 'cong_chuc', 'ket_qua', 'gop_y']) e`,
  );
  await q(
    'survey tallies of Hải Phòng (as the triggers keep them)',
    `insert into survey_element_years (commune_id, year, element_key, answers, satisfied)
    select a.commune_id, extract(year from a.responded_on)::int, a.element_key, count(*), count(*) filter (where a.score >= 4)
      from survey_answers a join bench_communes b on b.id = a.commune_id and b.full_raw group by 1, 2, 3`,
  );
  await q(
    'survey response tallies of Hải Phòng',
    `insert into survey_years (commune_id, year, responses)
    select r.commune_id, extract(year from r.responded_on)::int, count(*)
      from survey_responses r join bench_communes b on b.id = r.commune_id and b.full_raw group by 1, 2`,
  );
  await q(
    'survey tallies, other communes',
    `insert into survey_element_years (commune_id, year, element_key, answers, satisfied)
    select b.id, y, e, 500, 380 + (hashtext(b.id::text || y || e) & 63)
      from bench_communes b, generate_series(2022, 2026) y, unnest(array['tiep_can', 'thu_tuc', 'cong_chuc', 'ket_qua', 'gop_y']) e
     where not b.full_raw`,
  );
  await q(
    'survey response tallies, other communes',
    `insert into survey_years (commune_id, year, responses)
    select b.id, y, 500 from bench_communes b, generate_series(2022, 2026) y where not b.full_raw`,
  );
  await q(
    'ratings: unique client ids',
    `alter table ratings add constraint ratings_commune_id_client_id_key unique (commune_id, client_id)`,
  );
  await q(
    'ratings: one per dossier',
    `create unique index ratings_one_per_dossier on ratings (commune_id, dossier_code) where dossier_code is not null`,
  );
  await q(
    'ratings: by day',
    `create index ratings_by_day on ratings (commune_id, rated_on) include (score, dossier_code) where hidden_at is null`,
  );
  await client.query(`set session_replication_role = origin`);
  await q('analyze', 'analyze');
  const size = await client.query(`select pg_size_pretty(pg_database_size(current_database())) as s`);
  console.log(`  database size ${size.rows[0].s}`);
  await client.end();
}

interface Sample {
  ms: number[];
  queries: number;
  bytes: number;
}

async function sample(url: string, cookie: string, runs: number): Promise<Sample> {
  const ms: number[] = [];
  let queries = 0;
  let bytes = 0;
  for (let i = 0; i < runs + 2; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    const body = await res.arrayBuffer();
    const took = performance.now() - started;
    if (!res.ok) throw new Error(`${url}: ${res.status} ${Buffer.from(body).toString().slice(0, 300)}`);
    if (i >= 2) ms.push(took); // two warm-up requests
    queries = Number(res.headers.get('x-query-count') ?? 0);
    bytes = body.byteLength;
  }
  return { ms, queries, bytes };
}

const pct = (ms: number[], p: number) => {
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function login(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: process.env.CQTT_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** The baseline: the same grouped reads by hand, one statement per table, for the same communes. */
async function baseline(url: string, port: number) {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const app = Fastify();
  app.get('/base', async (req) => {
    const { city, year } = req.query as { city?: string; year: string };
    const ids = (
      await pool.query(
        city
          ? `select c.id from communes c join cities t on t.id = c.city_id where t.code = $1`
          : 'select id from communes',
        city ? [city] : [],
      )
    ).rows.map((r) => r.id);
    const y = Number(year);
    const [a, b, c, d, e, f] = await Promise.all([
      pool.query(
        `select commune_id, target_level, on_time from level_registrations where commune_id = any($1) and year = $2`,
        [ids, y],
      ),
      pool.query(
        `select a.commune_id, a.status, sum(coalesce(s.city_points, s.review_points, s.self_points)) from assessments a join assessment_scores s on s.assessment_id = a.id where a.commune_id = any($1) and a.year = $2 group by 1, 2`,
        [ids, y],
      ),
      pool.query(
        `select commune_id, score, sum(n) from rating_years where commune_id = any($1) and year = $2 group by 1, 2`,
        [ids, y],
      ),
      pool.query(
        `select commune_id, count(*), count(*) filter (where answered_on <= deadline) from feedback_items where commune_id = any($1) and received_on between make_date($2, 1, 1) and make_date($2, 12, 31) group by 1`,
        [ids, y],
      ),
      pool.query(
        `select commune_id, count(*), count(distinct village_id) from outreach_activities where commune_id = any($1) and held_on between make_date($2, 1, 1) and make_date($2, 12, 31) group by 1`,
        [ids, y],
      ),
      pool.query(
        `select commune_id, element_key, answers, satisfied from survey_element_years where commune_id = any($1) and year = $2`,
        [ids, y],
      ),
    ]);
    return { rows: [a, b, c, d, e, f].map((r) => r.rowCount) };
  });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

async function main() {
  const kept = process.env.BENCH_CITY_PGDATA;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'cqtt-bench-city-'));
  mkdirSync(dir, { recursive: true });
  const pgPort = await freePort();
  const stop = await startPostgres(dir, pgPort);
  try {
    const url = `postgres://postgres@127.0.0.1:${pgPort}/cqtt`;
    const marker = join(dir, 'seeded');
    if (!existsSync(marker)) {
      const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${pgPort}/postgres` });
      await admin.connect();
      await admin.query('drop database if exists cqtt');
      await admin.query('create database cqtt');
      await admin.end();
      const started = performance.now();
      await seed(url);
      console.log(`Seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      writeFileSync(marker, new Date().toISOString());
    } else {
      const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
      const applied = await migrate(database);
      if (applied.length) console.log(`migrated: ${applied.join(', ')}`);
      await database.close();
      console.log(`Reusing the seeded database in ${dir}`);
    }
    const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
    const config = {
      ...loadConfig({
        NODE_ENV: 'production',
        CQTT_ALLOW_DEMO: '1',
        DATA_DIR: join(dir, 'files'),
        LOG_LEVEL: 'warn',
      }),
    };
    const app = await buildApp({ config, database });
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${port}`;
    const basePort = await freePort();
    const hand = await baseline(url, basePort);
    const [cityCookie, nationalCookie] = [await login(base, 'snv.haiphong'), await login(base, 'bnv.bench')];
    const year = 2026;
    const cases = [
      {
        name: 'city view, 114 communes, 1 year',
        url: `${base}/api/city/communes?year=${year}`,
        cookie: cityCookie,
        target: TARGETS.cityYear,
        hand: `http://127.0.0.1:${basePort}/base?city=HP&year=${year}`,
      },
      {
        name: 'city view, 114 communes, 5 years',
        url: `${base}/api/city/communes?from=2022&to=${year}`,
        cookie: cityCookie,
        target: TARGETS.cityFiveYears,
      },
      {
        name: 'city home, 114 communes',
        url: `${base}/api/city/home?year=${year}`,
        cookie: cityCookie,
        target: TARGETS.home,
      },
      {
        name: 'country view, 3,321 communes, 1 year',
        url: `${base}/api/city/communes?year=${year}`,
        cookie: nationalCookie,
        target: TARGETS.country,
        hand: `http://127.0.0.1:${basePort}/base?year=${year}`,
      },
    ];
    console.log(
      `\n${RUNS} requests each after 2 warm-ups, one at a time, on loopback (PostgreSQL 15 on port ${pgPort})`,
    );
    console.log(
      `${'request'.padEnd(40)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'target'.padStart(8)} ${'queries'.padStart(8)} ${'KB'.padStart(7)}  by hand p95   ratio`,
    );
    const results = [];
    let failed = false;
    for (const c of cases) {
      const s = await sample(c.url, c.cookie, RUNS);
      const h = c.hand ? await sample(c.hand, '', RUNS) : null;
      const p95 = pct(s.ms, 95);
      const ok = p95 < c.target;
      failed ||= !ok;
      console.log(
        `${c.name.padEnd(40)} ${pct(s.ms, 50).toFixed(0).padStart(8)} ${p95.toFixed(0).padStart(8)} ${`<${c.target}`.padStart(8)} ${String(s.queries).padStart(8)} ${(s.bytes / 1024).toFixed(0).padStart(7)}  ${h ? `${pct(h.ms, 95).toFixed(0).padStart(8)} ms ${(p95 / pct(h.ms, 95)).toFixed(1).padStart(6)}x` : ''} ${ok ? '' : ' ✗ over target'}`,
      );
      results.push({
        ...c,
        cookie: undefined,
        p50: pct(s.ms, 50),
        p95,
        queries: s.queries,
        bytes: s.bytes,
        handP95: h ? pct(h.ms, 95) : null,
      });
    }
    mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
    writeFileSync(
      join(import.meta.dirname, 'results', 'city-latest.json'),
      JSON.stringify({ at: new Date().toISOString(), runs: RUNS, results }, null, 2),
    );
    await hand.close();
    await app.close();
    await database.close();
    if (failed) process.exitCode = 1;
  } finally {
    stop();
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
