/**
 * Bad input on every route of the OpenAPI document (RELIABILITY.md 5): a 4xx
 * with the error envelope and a Vietnamese message, never a 5xx, never a
 * partial write (the audit log, which every write touches, does not grow).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyRoute } from '../src/http/route.ts';
import { type Client, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let admin: Client;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'admin');
  const { db } = t.database;
  const communeId = admin.me.commune.id as string;
  const unit = await db
    .selectFrom('units')
    .select('id')
    .where('commune_id', '=', communeId)
    .executeTakeFirstOrThrow();
  const village = await db
    .selectFrom('villages')
    .select('id')
    .where('commune_id', '=', communeId)
    .executeTakeFirstOrThrow();
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'thon1.binhgiang')
    .executeTakeFirstOrThrow();
  const token = (await admin.post('/api/tokens', { name: 'thử' })).json();
  const plan = await db
    .selectFrom('plans')
    .select('id')
    .where('commune_id', '=', communeId)
    .executeTakeFirstOrThrow();
  const task = await db
    .selectFrom('plan_tasks')
    .select('id')
    .where('plan_id', '=', plan.id)
    .executeTakeFirstOrThrow();
  const difficulty = (
    await admin.post('/api/difficulties', { taskId: task.id, year: 2026, content: 'Vướng mắc thử' })
  ).json();
  const criteriaSet = await db.selectFrom('criteria_sets').select('id').executeTakeFirstOrThrow();
  const assessment = await db
    .selectFrom('assessments')
    .select('id')
    .where('commune_id', '=', communeId)
    .executeTakeFirstOrThrow();
  const mine = async (table: 'service_counters' | 'service_officials' | 'procedures' | 'ratings') =>
    (await db.selectFrom(table).select('id').where('commune_id', '=', communeId).executeTakeFirstOrThrow())
      .id;
  const feedback = await db
    .selectFrom('feedback_items')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('status', '=', 'received')
    .executeTakeFirstOrThrow();
  const category = await db
    .selectFrom('feedback_categories')
    .select('id')
    .where('commune_id', '=', communeId)
    .executeTakeFirstOrThrow();
  const estimate = await db
    .selectFrom('budget_estimates')
    .select('id')
    .where('commune_id', '=', communeId)
    .executeTakeFirstOrThrow();
  const line = await db
    .selectFrom('budget_lines')
    .select('id')
    .where('estimate_id', '=', estimate.id)
    .executeTakeFirstOrThrow();
  const spending = await db
    .selectFrom('budget_spendings')
    .select('id')
    .where('line_id', '=', line.id)
    .executeTakeFirstOrThrow();
  const firstOf = async (
    table: 'outreach_activities' | 'outreach_documents' | 'good_examples' | 'village_assessments' | 'rewards',
  ) =>
    (await db.selectFrom(table).select('id').where('commune_id', '=', communeId).executeTakeFirstOrThrow())
      .id;
  ids = {
    rewards: await firstOf('rewards'),
    'village-assessments': await firstOf('village_assessments'),
    'outreach-activities': await firstOf('outreach_activities'),
    'outreach-documents': await firstOf('outreach_documents'),
    'good-examples': await firstOf('good_examples'),
    budgets: estimate.id,
    'budget-lines': line.id,
    'budget-spendings': spending.id,
    'criteria-sets': criteriaSet.id,
    assessments: assessment.id,
    counters: await mine('service_counters'),
    'service-officials': await mine('service_officials'),
    procedures: await mine('procedures'),
    ratings: await mine('ratings'),
    feedback: feedback.id,
    'feedback-categories': category.id,
    communes: communeId,
    units: unit.id,
    villages: village.id,
    users: user.id,
    tokens: token.id,
    plans: plan.id,
    tasks: task.id,
    difficulties: difficulty.id,
  };
});
afterAll(() => t.close());

const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

function urlOf(route: AnyRoute) {
  return route.url.replace(':id', ids[route.url.split('/')[2] ?? ''] ?? '');
}

function wrongTypeFor(value: unknown): unknown {
  if (typeof value === 'string') return { not: 'a string' };
  if (typeof value === 'number') return 'mười';
  if (typeof value === 'boolean') return 'có';
  if (Array.isArray(value)) return 'không phải danh sách';
  return 12345;
}

async function expectRefused(label: string, send: () => Promise<{ statusCode: number; body: string }>) {
  const before = await countRows(t.database, 'audit_log');
  const res = await send();
  expect(res.statusCode, `${label}: ${res.body}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${label}: ${res.body}`).toBeLessThan(500);
  const body = JSON.parse(res.body);
  expect(typeof body.error?.code, label).toBe('string');
  expect(body.error.message, `${label}: message should be Vietnamese`).toMatch(VIETNAMESE);
  expect(await countRows(t.database, 'audit_log'), `${label}: something was written`).toBe(before);
}

describe('malformed input on every documented route', () => {
  it('the OpenAPI document lists every registered route', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const route of t.app.cqttRoutes) {
      const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
    }
  });

  it('bodies: broken JSON, wrong shape, wrong types, huge strings, unknown fields', async () => {
    for (const route of t.app.cqttRoutes.filter((r) => r.body)) {
      const url = urlOf(route);
      const label = `${route.method} ${route.url}`;
      const example = route.example as Record<string, unknown>;
      await expectRefused(`${label} broken JSON`, () =>
        admin.request(route.method, url, '{"a": ', { 'content-type': 'application/json' }),
      );
      await expectRefused(`${label} array`, () => admin.request(route.method, url, [example]));
      await expectRefused(`${label} null`, () =>
        admin.request(route.method, url, 'null', { 'content-type': 'application/json' }),
      );
      await expectRefused(`${label} text/plain`, () =>
        admin.request(route.method, url, 'xin chào', { 'content-type': 'text/plain' }),
      );
      await expectRefused(`${label} unknown field`, () =>
        admin.request(route.method, url, { ...example, khongTonTai: 1 }),
      );
      await expectRefused(`${label} __proto__`, () =>
        admin.request(
          route.method,
          url,
          `{"__proto__": {"isAdmin": true}, ${JSON.stringify(example).slice(1)}`,
          {
            'content-type': 'application/json',
          },
        ),
      );
      for (const [key, value] of Object.entries(example)) {
        await expectRefused(`${label} ${key} wrong type`, () =>
          admin.request(route.method, url, { ...example, [key]: wrongTypeFor(value) }),
        );
        if (typeof value === 'string') {
          await expectRefused(`${label} ${key} huge`, () =>
            admin.request(route.method, url, { ...example, [key]: 'á'.repeat(200_000) }),
          );
          // PostgreSQL cannot store U+0000 in text or jsonb
          await expectRefused(`${label} ${key} with NUL`, () =>
            admin.request(route.method, url, { ...example, [key]: `${value}\u0000x` }),
          );
        }
      }
      await expectRefused(`${label} over the size limit`, () =>
        admin.request(route.method, url, { ...example, padding: 'x'.repeat(2 * 1024 * 1024) }),
      );
    }
  });

  it('path ids that are not ids, and unknown or mistyped query parameters', async () => {
    for (const route of t.app.cqttRoutes) {
      const label = `${route.method} ${route.url}`;
      const body = route.example as Record<string, unknown> | undefined;
      if (route.url.includes(':id')) {
        for (const bad of ['abc', '1', "1' or '1'='1", '%00', 'a'.repeat(300)]) {
          await expectRefused(`${label} id=${bad}`, () =>
            admin.request(route.method, route.url.replace(':id', encodeURIComponent(bad)), body),
          );
        }
      }
      if (route.method === 'GET') {
        await expectRefused(`${label} unknown query`, () =>
          admin.get(`${urlOf(route)}?sortBy=password_hash`),
        );
        const shape = (route.query as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
        for (const key of Object.keys(shape)) {
          if (key === 'q' || key === 'entityType' || key === 'entityId' || key === 'action') continue;
          await expectRefused(`${label} ${key}=bad`, () => admin.get(`${urlOf(route)}?${key}=khong-hop-le`));
        }
      }
    }
  });

  it('an unknown API path answers 404 in the envelope', async () => {
    const res = await admin.get('/api/khong-co');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
