/**
 * Tenant isolation, walked over every route the app registers (RELIABILITY.md
 * 1 and 2). A route added later joins this test by itself: if it takes an id
 * this test has no foreign fixture for, the test fails and asks for one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyRoute } from '../src/http/route.ts';
import { type Client, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
interface Foreign {
  label: string;
  communeId: string;
  /** Path ids of that commune, by the collection name in the URL. */
  ids: Record<string, string>;
}
let hongBang: Foreign;
let baDinh: Foreign;

async function foreignData(code: string, label: string): Promise<Foreign> {
  const { db } = t.database;
  const commune = await db
    .selectFrom('communes')
    .select(['id', 'city_id'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  const unit = await db
    .selectFrom('units')
    .select('id')
    .where('commune_id', '=', commune.id)
    .executeTakeFirstOrThrow();
  const village = await db
    .selectFrom('villages')
    .select('id')
    .where('commune_id', '=', commune.id)
    .executeTakeFirstOrThrow();
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('commune_id', '=', commune.id)
    .executeTakeFirstOrThrow();
  const token = await db
    .insertInto('api_tokens')
    .values({ user_id: user.id, name: `token ${label}`, token_hash: `hash-${label}`, created_by: user.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const plan = await db
    .insertInto('plans')
    .values({
      commune_id: commune.id,
      title: `Kế hoạch ${label}`,
      period_from: 2026,
      period_to: 2030,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const task = await db
    .insertInto('plan_tasks')
    .values({
      commune_id: commune.id,
      plan_id: plan.id,
      number: 1,
      content: `Nhiệm vụ ${label}`,
      schedule: JSON.stringify({ kind: 'yearly' }),
      schedule_text: 'Hằng năm',
      lead_unit_id: unit.id,
      added_on: '2026-01-01',
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const difficulty = await db
    .insertInto('difficulties')
    .values({
      commune_id: commune.id,
      task_id: task.id,
      year: 2026,
      unit_id: unit.id,
      author_id: user.id,
      content: 'Vướng mắc',
      answer: null,
      answered_by: null,
      answered_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const file = await db
    .insertInto('files')
    .values({
      commune_id: commune.id,
      name: `Minh chứng ${label}.pdf`,
      mime: 'application/pdf',
      size: 9,
      sha256: '0'.repeat(64),
      storage_key: '00/00000000-0000-4000-8000-000000000000',
      created_by: user.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const notification = await db
    .insertInto('notifications')
    .values({ commune_id: commune.id, user_id: user.id, kind: 'task.reminder', title: `Nhắc việc ${label}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  // criteria sets belong to a city: both fixtures use a set of Hà Nội, which no
  // Hải Phòng user may see (the city users of Hải Phòng only test against Ba Đình)
  const haNoi = await db.selectFrom('cities').select('id').where('code', '=', 'HN').executeTakeFirstOrThrow();
  const set = await db
    .insertInto('criteria_sets')
    .values({
      city_id: haNoi.id,
      code: `HN-${label}`,
      version: 1,
      name: `Bộ tiêu chí ${label}`,
      effective_from: '2026-01-01',
      definition: JSON.stringify({
        code: `HN-${label}`,
        name: 'x',
        issuedBy: '',
        decision: '',
        effectiveFrom: '2026-01-01',
        groups: [],
        levels: [],
      }),
      max_total: 100,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ownSet =
    commune.city_id === haNoi.id
      ? set
      : await db
          .insertInto('criteria_sets')
          .values({
            city_id: commune.city_id,
            code: `OWN-${label}`,
            version: 1,
            name: `Bộ tiêu chí riêng ${label}`,
            effective_from: '2026-01-01',
            definition: JSON.stringify({
              code: 'x',
              name: 'x',
              issuedBy: '',
              decision: '',
              effectiveFrom: '2026-01-01',
              groups: [],
              levels: [],
            }),
            max_total: 100,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
  const assessment = await db
    .insertInto('assessments')
    .values({ commune_id: commune.id, year: 2029, criteria_set_id: ownSet.id, updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('level_registrations')
    .values({
      commune_id: commune.id,
      year: 2029,
      target_level: 2,
      justification: `Đăng ký ${label}`,
      sent_at: new Date(),
      sent_by: user.id,
      on_time: true,
    })
    .execute();
  const counter = await db
    .insertInto('service_counters')
    .values({ commune_id: commune.id, number: 77, name: `Quầy ${label}`, updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const official = await db
    .insertInto('service_officials')
    .values({
      commune_id: commune.id,
      full_name: `Cán bộ ${label}`,
      counter_id: counter.id,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const procedure = await db
    .insertInto('procedures')
    .values({
      commune_id: commune.id,
      code: `TT-${label.length}`,
      name: `Thủ tục ${label}`,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rating = await db
    .insertInto('ratings')
    .values({
      commune_id: commune.id,
      client_id: '11111111-2222-4333-8444-555555555555',
      counter_id: counter.id,
      official_id: official.id,
      score: 2,
      comment: `Ý kiến ${label}`,
      channel: 'qr',
      rated_on: '2026-11-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const kiosk = await db
    .insertInto('rating_kiosks')
    .values({
      commune_id: commune.id,
      counter_id: counter.id,
      name: `Máy ${label}`,
      key_hash: `kiosk-${label}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const category = await db
    .selectFrom('feedback_categories')
    .select('id')
    .where('commune_id', '=', commune.id)
    .executeTakeFirstOrThrow();
  const feedback = await db
    .insertInto('feedback_items')
    .values({
      commune_id: commune.id,
      kind: 'feedback',
      tracking_code: `PA-${label === 'Hồng Bàng' ? 'HHHHH' : 'BBBBB'}-22222`,
      source: 'web',
      category_id: category.id,
      content: `Phản ánh ${label}`,
      name: `Người gửi ${label}`,
      status: 'received',
      received_on: '2026-11-02',
      deadline: '2026-11-16',
      unit_id: null,
      merged_into_id: null,
      answered_on: null,
      rating: null,
      rated_at: null,
      difficulty_id: null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const estimate = await db
    .insertInto('budget_estimates')
    .values({ commune_id: commune.id, year: 2029, title: `Dự toán ${label}`, updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const line = await db
    .insertInto('budget_lines')
    .values({
      commune_id: commune.id,
      estimate_id: estimate.id,
      number: 1,
      content: `Dòng ${label}`,
      amount: 1000,
      source: 'commune',
      approved_amount: 1000,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const spending = await db
    .insertInto('budget_spendings')
    .values({ commune_id: commune.id, line_id: line.id, spent_on: '2029-01-02', amount: 10, content: 'Chi' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const outreachDocument = await db
    .insertInto('outreach_documents')
    .values({ commune_id: commune.id, title: `Văn bản ${label}`, updated_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const activity = await db
    .insertInto('outreach_activities')
    .values({
      commune_id: commune.id,
      kind: 'zalo',
      title: `Tuyên truyền ${label}`,
      held_on: '2026-05-01',
      village_id: village.id,
      document_ids: [outreachDocument.id],
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const example = await db
    .insertInto('good_examples')
    .values({
      commune_id: commune.id,
      kind: 'good',
      year: 2026,
      subject: `Đơn vị ${label}`,
      title: `Cách làm hay ${label}`,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const villageAssessment = await db
    .insertInto('village_assessments')
    .values({
      commune_id: commune.id,
      village_id: village.id,
      year: 2029,
      households: 10,
      cultural_families: 5,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const reward = await db
    .insertInto('rewards')
    .values({
      commune_id: commune.id,
      year: 2026,
      nominee_kind: 'individual',
      nominee_name: `Cá nhân ${label}`,
      achievements: 'Thành tích',
      status: 'awarded',
      form: 'Giấy khen',
      decision_number: '1/QĐ-UBND',
      decision_date: '2026-01-10',
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const supervisionEntry = await db
    .insertInto('supervision_entries')
    .values({
      commune_id: commune.id,
      body: 'front',
      kind: 'supervision',
      year: 2026,
      subject: `Giám sát ${label}`,
      held_on: '2026-05-10',
      findings: 'Kết quả',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const document = await db
    .insertInto('documents')
    .values({
      commune_id: commune.id,
      kind: 'yearly-report',
      year: 2026,
      symbol: 'BC-UBND',
      subject: `Báo cáo ${label}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const officialIndex = await db
    .insertInto('official_indices')
    .values({
      city_id: commune.city_id,
      commune_id: commune.id,
      year: 2025,
      index_kind: 'sipas',
      value: 8500,
      decision: 'Quyết định công bố',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    label,
    communeId: commune.id,
    ids: {
      documents: document.id,
      'official-indices': officialIndex.id,
      rewards: reward.id,
      'supervision-entries': supervisionEntry.id,
      'village-assessments': villageAssessment.id,
      'outreach-activities': activity.id,
      'outreach-documents': outreachDocument.id,
      'good-examples': example.id,
      budgets: estimate.id,
      'budget-lines': line.id,
      'budget-spendings': spending.id,
      counters: counter.id,
      'service-officials': official.id,
      procedures: procedure.id,
      ratings: rating.id,
      'rating-kiosks': kiosk.id,
      communes: commune.id,
      city: commune.id,
      units: unit.id,
      villages: village.id,
      users: user.id,
      tokens: token.id,
      plans: plan.id,
      feedback: feedback.id,
      'feedback-categories': category.id,
      tasks: task.id,
      difficulties: difficulty.id,
      notifications: notification.id,
      files: file.id,
      'criteria-sets': set.id,
      assessments: assessment.id,
    },
  };
}

/** Everything a foreign commune owns, to prove a refused request changed nothing. */
async function snapshot(communeId: string) {
  const { db } = t.database;
  return JSON.stringify([
    await db.selectFrom('units').selectAll().where('commune_id', '=', communeId).orderBy('id').execute(),
    await db.selectFrom('villages').selectAll().where('commune_id', '=', communeId).orderBy('id').execute(),
    await db
      .selectFrom('assessments')
      .selectAll()
      .where('commune_id', '=', communeId)
      .orderBy('id')
      .execute(),
    await db.selectFrom('assessment_scores').selectAll().where('commune_id', '=', communeId).execute(),
    await db.selectFrom('level_registrations').selectAll().where('commune_id', '=', communeId).execute(),
    await db.selectFrom('users').selectAll().where('commune_id', '=', communeId).orderBy('id').execute(),
    await db
      .selectFrom('service_counters')
      .selectAll()
      .where('commune_id', '=', communeId)
      .orderBy('id')
      .execute(),
    await db
      .selectFrom('service_officials')
      .selectAll()
      .where('commune_id', '=', communeId)
      .orderBy('id')
      .execute(),
    await db.selectFrom('procedures').selectAll().where('commune_id', '=', communeId).orderBy('id').execute(),
    await db.selectFrom('ratings').selectAll().where('commune_id', '=', communeId).orderBy('id').execute(),
    await db
      .selectFrom('questionnaires')
      .selectAll()
      .where('commune_id', '=', communeId)
      .orderBy('id')
      .execute(),
    await db
      .selectFrom('feedback_items')
      .selectAll()
      .where('commune_id', '=', communeId)
      .orderBy('id')
      .execute(),
    await db
      .selectFrom('feedback_categories')
      .selectAll()
      .where('commune_id', '=', communeId)
      .orderBy('id')
      .execute(),
    await db.selectFrom('holidays').selectAll().where('commune_id', '=', communeId).orderBy('id').execute(),
    await db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('api_tokens')
      .where('users.commune_id', '=', communeId)
      .orderBy('api_tokens.id')
      .execute(),
    await db
      .selectFrom('budget_estimates')
      .selectAll()
      .where('commune_id', '=', communeId)
      .orderBy('id')
      .execute(),
    await db.selectFrom('rewards').selectAll().where('commune_id', '=', communeId).orderBy('id').execute(),
    await db
      .selectFrom('supervision_entries')
      .selectAll()
      .where('commune_id', '=', communeId)
      .orderBy('id')
      .execute(),
    await db.selectFrom('documents').selectAll().where('commune_id', '=', communeId).orderBy('id').execute(),
    await db
      .selectFrom('official_indices')
      .selectAll()
      .where('commune_id', '=', communeId)
      .orderBy('id')
      .execute(),
    await db
      .selectFrom('budget_lines')
      .selectAll()
      .where('commune_id', '=', communeId)
      .orderBy('id')
      .execute(),
    await db
      .selectFrom('budget_spendings')
      .selectAll()
      .where('commune_id', '=', communeId)
      .orderBy('id')
      .execute(),
  ]);
}

/** Body fields that name a row, and the collection of that row. */
const BODY_REFERENCES: Record<string, string> = {
  planId: 'plans',
  taskId: 'tasks',
  unitId: 'units',
  leadUnitId: 'units',
  userId: 'users',
  villageId: 'villages',
  intoId: 'feedback',
  criteriaSetId: 'criteria-sets',
  counterId: 'counters',
  officialId: 'service-officials',
};

function collectionOf(url: string): string {
  return url.split('/')[2] ?? '';
}

function bodyKeys(route: AnyRoute): string[] {
  const shape = (route.body as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}
function queryKeys(route: AnyRoute): string[] {
  const shape = (route.query as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

beforeAll(async () => {
  t = await createTestApp();
  hongBang = await foreignData('HP-HONGBANG', 'Hồng Bàng');
  baDinh = await foreignData('HN-BADINH', 'Ba Đình');
});
afterAll(() => t.close());

const protectedRoutes = () => t.app.cqttRoutes.filter((r) => r.access !== 'public');

describe('tenant isolation on every route', () => {
  it('every route with a body documents an example the generic tests can send', () => {
    const missing = t.app.cqttRoutes.filter((r) => r.body && !r.example).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('every protected route refuses a request without login (401)', async () => {
    for (const route of protectedRoutes()) {
      const url = route.url.replace(
        /:id/g,
        hongBang.ids[collectionOf(route.url)] ?? '00000000-0000-4000-8000-000000000000',
      );
      const res = await t.app.inject({ method: route.method, url, payload: route.example as never });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.json().error.code).toBe('unauthenticated');
    }
  });

  const cases = [
    { actor: 'admin', foreign: () => [hongBang, baDinh] },
    { actor: 'vhxh.binhgiang', foreign: () => [hongBang, baDinh] },
    { actor: 'snv.haiphong', foreign: () => [baDinh] },
  ];

  for (const c of cases) {
    it(`${c.actor}: a foreign commune's ids answer 404 (or 403) and its rows stay unchanged`, async () => {
      const client = await login(t.app, c.actor);
      for (const foreign of c.foreign()) {
        const before = await snapshot(foreign.communeId);
        for (const route of protectedRoutes()) {
          const label = `${c.actor} ${route.method} ${route.url} → ${foreign.label}`;
          const hasId = route.url.includes(':id');
          const takesCommune =
            queryKeys(route).includes('communeId') || bodyKeys(route).includes('communeId');
          const references = bodyKeys(route).filter((k) => k in BODY_REFERENCES);
          if (!hasId && !takesCommune && references.length === 0) continue;
          let url = route.url;
          if (hasId) {
            const id = foreign.ids[collectionOf(route.url)];
            expect(id, `no foreign fixture for ${route.url}: add one to tenancy.test.ts`).toBeDefined();
            url = url.replace(':id', id!);
          }
          if (queryKeys(route).includes('communeId')) url += `?communeId=${foreign.communeId}`;
          const body =
            route.body === undefined
              ? undefined
              : {
                  ...(route.example as object),
                  ...(bodyKeys(route).includes('communeId') ? { communeId: foreign.communeId } : {}),
                  ...Object.fromEntries(references.map((k) => [k, foreign.ids[BODY_REFERENCES[k]!]])),
                };
          const res = await client.request(route.method, url, body);
          // a body naming another commune's unit may also be refused as invalid input (400)
          const allowed = hasId || takesCommune ? [403, 404] : [400, 403, 404];
          expect(allowed, `${label}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
        }
        expect(await snapshot(foreign.communeId), `${c.actor} changed ${foreign.label}`).toBe(before);
      }
    });

    it(`${c.actor}: no list shows a foreign commune's rows`, async () => {
      const client = await login(t.app, c.actor);
      for (const route of protectedRoutes()) {
        if (route.method !== 'GET' || route.url.includes(':')) continue;
        const res = await client.get(route.url);
        if (res.statusCode >= 400) {
          // a city user must name a commune for commune lists; others may lack the permission
          expect([400, 403], `${c.actor} GET ${route.url}: ${res.body}`).toContain(res.statusCode);
          continue;
        }
        for (const foreign of c.foreign()) {
          for (const id of Object.values(foreign.ids)) {
            expect(res.body.includes(id), `${c.actor} GET ${route.url} shows ${foreign.label} ${id}`).toBe(
              false,
            );
          }
        }
      }
    });
  }

  it('no public route returns personal data (RELIABILITY 3): walks every public GET', async () => {
    const { db } = t.database;
    const binhGiang = await db
      .selectFrom('communes')
      .select('id')
      .where('code', '=', 'HP-BINHGIANG')
      .executeTakeFirstOrThrow();
    // a rating that carries everything a citizen might reveal
    const secret = {
      comment: 'Tôi là Nguyễn Văn Bí Mật, số điện thoại 0912345678',
      dossier: 'HS-BI-MAT-0001',
      clientId: '99999999-8888-4777-8666-555555555555',
    };
    await db
      .insertInto('ratings')
      .values({
        commune_id: binhGiang.id,
        client_id: secret.clientId,
        dossier_code: secret.dossier,
        score: 4,
        comment: secret.comment,
        channel: 'qr',
        rated_on: '2026-11-01',
      })
      .execute();
    const people = await db
      .selectFrom('users')
      .select(['email', 'phone', 'username', 'password_hash'])
      .execute();
    const forbidden = [
      secret.comment,
      '0912345678',
      secret.dossier,
      secret.clientId,
      ...people
        .flatMap((p) => [p.email, p.phone, p.username, p.password_hash])
        .filter((v): v is string => !!v),
    ];
    const routes = t.app.cqttRoutes.filter((r) => r.access === 'public' && r.method === 'GET');
    expect(routes.length).toBeGreaterThan(3);
    for (const route of routes) {
      const url = route.url.replace(':communeCode', 'HP-BINHGIANG').replace(':code', 'HP');
      if (url.includes(':')) continue;
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(500);
      for (const value of forbidden) {
        expect(res.body.includes(value), `${url} shows «${value}»`).toBe(false);
      }
    }
  });

  it('a city user sees every commune of the city and none of another city', async () => {
    const haiPhong = await login(t.app, 'snv.haiphong');
    const names = (await haiPhong.get('/api/communes')).json().map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Xã Bình Giang', 'Phường Hồng Bàng', 'Đặc khu Cát Hải']));
    expect(names).not.toContain('Phường Ba Đình');
    const units = await haiPhong.get(`/api/units?communeId=${hongBang.communeId}`);
    expect(units.statusCode).toBe(200);
    expect(units.json().length).toBeGreaterThan(0);
    expect((await haiPhong.get(`/api/units?communeId=${baDinh.communeId}`)).statusCode).toBe(404);
  });

  it('a commune user sees only their own commune', async () => {
    const client: Client = await login(t.app, 'vhxh.binhgiang');
    const communes = (await client.get('/api/communes')).json();
    expect(communes.map((c: { name: string }) => c.name)).toEqual(['Xã Bình Giang']);
    expect((await client.get(`/api/communes/${hongBang.communeId}`)).statusCode).toBe(404);
  });
});
