/**
 * In-app notifications: each user reads and marks only their own; another
 * user's notification answers 404 and stays as it was; marking read is a
 * change and leaves one audit row.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifications } from '../src/notify/service.ts';
import { type Client, countRows, createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let vhxh: Client;
let focal: Client;
let city: Client;
const ids: Record<string, string[]> = {};

async function notificationsOf(username: string) {
  return t.database.db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .select(['notifications.id', 'notifications.title', 'notifications.read_at'])
    .where('users.username', '=', username)
    .orderBy('notifications.created_at')
    .orderBy('notifications.title')
    .execute();
}

async function give(username: string, titles: string[]) {
  const user = await t.database.db
    .selectFrom('users')
    .select(['id', 'commune_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  for (const [i, title] of titles.entries()) {
    await createNotifications(t.database.db, [
      {
        communeId: user.commune_id,
        userId: user.id,
        kind: 'task.reminder',
        title,
        body: `Nội dung: ${title}`,
        link: '/plans',
      },
    ]);
    // one minute apart, in the order given, so that created_at orders them whatever the clock did
    // (the application never changes created_at; the test sets it directly)
    await sql`update notifications set created_at = ${new Date(Date.UTC(2026, 1, 7, 2, i))}
      where user_id = ${user.id} and title = ${title}`.execute(t.database.db);
  }
  ids[username] = (await notificationsOf(username)).map((n) => n.id);
}

beforeAll(async () => {
  t = await createTestApp();
  vhxh = await login(t.app, 'vhxh.binhgiang');
  focal = await login(t.app, 'ttpvhcc.binhgiang');
  city = await login(t.app, 'snv.haiphong');
  await give('vhxh.binhgiang', ['Nhắc việc 1', 'Nhắc việc 2', 'Quá hạn 3']);
  await give('ttpvhcc.binhgiang', ['Nhắc việc của TTPVHCC']);
  await give('vhxh.hongbang', ['Nhắc việc Hồng Bàng']);
});
afterAll(() => t.close());

describe('notifications API', () => {
  it('lists the caller’s own, newest first, paged, with the unread count', async () => {
    const res = await vhxh.get('/api/notifications');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unread).toBe(3);
    expect(body.total).toBe(3);
    expect(body.items.map((n: { title: string }) => n.title)).toEqual([
      'Quá hạn 3',
      'Nhắc việc 2',
      'Nhắc việc 1',
    ]);
    expect(body.items[0]).toEqual({
      id: ids['vhxh.binhgiang']![2],
      kind: 'task.reminder',
      title: 'Quá hạn 3',
      body: 'Nội dung: Quá hạn 3',
      link: '/plans',
      createdAt: expect.any(String),
      readAt: null,
    });
    const page2 = (await vhxh.get('/api/notifications?pageSize=2&page=2')).json();
    expect(page2.items.map((n: { title: string }) => n.title)).toEqual(['Nhắc việc 1']);
    expect(page2.unread).toBe(3);

    const others = (await focal.get('/api/notifications')).json();
    expect(others.items.map((n: { title: string }) => n.title)).toEqual(['Nhắc việc của TTPVHCC']);
    expect((await city.get('/api/notifications')).json()).toEqual({ items: [], unread: 0, total: 0 });
  });

  it('marks one read (one audit row), keeps the first time read, and filters unread', async () => {
    const id = ids['vhxh.binhgiang']![0]!;
    const audit = await countRows(t.database, 'audit_log');
    const res = await vhxh.post(`/api/notifications/${id}/read`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, title: 'Nhắc việc 1', readAt: expect.any(String) });
    expect(await countRows(t.database, 'audit_log')).toBe(audit + 1);
    const row = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      action: 'notifications.read',
      entity_type: 'notification',
      entity_id: id,
      actor_name: 'vhxh.binhgiang',
    });
    const again = await vhxh.post(`/api/notifications/${id}/read`);
    expect(again.json().readAt).toBe(res.json().readAt);

    const list = (await vhxh.get('/api/notifications?unreadOnly=true')).json();
    expect(list.unread).toBe(2);
    expect(list.items.map((n: { title: string }) => n.title)).toEqual(['Quá hạn 3', 'Nhắc việc 2']);
  });

  it('another user’s notification answers 404 and stays unread, in the same commune or another', async () => {
    const theirs = ids['ttpvhcc.binhgiang']![0]!;
    const foreign = ids['vhxh.hongbang']![0]!;
    const audit = await countRows(t.database, 'audit_log');
    for (const [client, id] of [
      [vhxh, theirs],
      [vhxh, foreign],
      [city, theirs],
      [focal, ids['vhxh.binhgiang']![1]!],
    ] as const) {
      const res = await client.post(`/api/notifications/${id}/read`);
      expect(res.statusCode, `${client.username} → ${id}`).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await notificationsOf('ttpvhcc.binhgiang'))[0]!.read_at).toBeNull();
    expect((await notificationsOf('vhxh.hongbang'))[0]!.read_at).toBeNull();
    expect((await notificationsOf('vhxh.binhgiang'))[1]!.read_at).toBeNull();
    expect(await countRows(t.database, 'audit_log')).toBe(audit);
    expect((await vhxh.post('/api/notifications/00000000-0000-4000-8000-000000000000/read')).statusCode).toBe(
      404,
    );
  });

  it('read-all marks only the caller’s own, with one audit row', async () => {
    const audit = await countRows(t.database, 'audit_log');
    const res = await vhxh.post('/api/notifications/read-all');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ marked: 2, unread: 0 });
    expect(await countRows(t.database, 'audit_log')).toBe(audit + 1);
    expect((await vhxh.get('/api/notifications')).json().unread).toBe(0);
    expect((await notificationsOf('vhxh.binhgiang')).every((n) => n.read_at !== null)).toBe(true);
    expect((await focal.get('/api/notifications')).json().unread).toBe(1);
    expect((await notificationsOf('vhxh.hongbang'))[0]!.read_at).toBeNull();
    expect((await vhxh.post('/api/notifications/read-all')).json()).toEqual({ marked: 0, unread: 0 });
  });

  it('writes need the CSRF token like every other', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { cookie: focal.cookie! },
    });
    expect(res.statusCode).toBe(403);
    expect((await focal.get('/api/notifications')).json().unread).toBe(1);
  });
});

describe('what a notification says', () => {
  it('a long feedback is quoted up to a word boundary, with an ellipsis, never cut inside a word', async () => {
    const content =
      'Đèn đường ở ngã ba thôn Lương Ngọc bị hỏng đã hai tuần, buổi tối rất tối, học sinh đi học về ' +
      'phải dắt xe qua đoạn này.';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/feedback',
      payload: { communeCode: 'HP-BINHGIANG', categoryCode: 'ha-tang', content, allowPublish: false },
      remoteAddress: '10.9.8.7',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode } = res.json();
    const mine = (await vhxh.get('/api/notifications')).json().items as { title: string }[];
    const title = mine.find((n) => n.title.includes(trackingCode))!.title;
    const quoted = /«(.*)»$/.exec(title)![1]!;
    expect(quoted).toBe('Đèn đường ở ngã ba thôn Lương Ngọc bị hỏng đã hai tuần…');
    expect(Array.from(quoted).length).toBeLessThanOrEqual(60);
  });

  it('a title longer than the 500 characters kept ends at a word too', async () => {
    const user = await t.database.db
      .selectFrom('users')
      .select(['id', 'commune_id'])
      .where('username', '=', 'vhxh.binhgiang')
      .executeTakeFirstOrThrow();
    const long = `Nhắc việc ${'kiểm tra hồ sơ '.repeat(40)}`;
    await createNotifications(t.database.db, [
      { communeId: user.commune_id, userId: user.id, kind: 'task.reminder', title: long },
    ]);
    const stored = (await vhxh.get('/api/notifications?pageSize=100')).json().items as { title: string }[];
    const title = stored.find((n) => n.title.startsWith('Nhắc việc kiểm tra'))!.title;
    expect(Array.from(title).length).toBeLessThanOrEqual(500);
    expect(title).toMatch(/ (kiểm|tra|hồ|sơ)…$/);
  });
});
