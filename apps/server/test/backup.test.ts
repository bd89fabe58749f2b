/** Backup, then restore into an empty database: every table's rows and checksum identical (RELIABILITY.md 20). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupSql, restoreSql, tableChecksums } from '../src/db/backup.ts';
import type { Database } from '../src/db/database.ts';
import { createTestApp, createTestDatabase, login, type TestApp } from './harness.ts';

let t: TestApp;
let target: { database: Database; drop(): Promise<void> };

beforeAll(async () => {
  t = await createTestApp();
  target = await createTestDatabase({ empty: true });
});
afterAll(async () => {
  await target.drop();
  await t.close();
});

describe('backup and restore', () => {
  it('restores every row into an empty database, identical by count and checksum, with identity counters continuing after them', async () => {
    const admin = await login(t.app, 'admin');
    // data with quotes, newlines, JSON and Vietnamese text
    await admin.post('/api/villages', { name: 'Thôn O\'Neil $$ "ngoặc"\nxuống dòng', households: 12 });
    const started = performance.now();
    let dump = '';
    for await (const chunk of backupSql(t.database)) dump += chunk;
    await restoreSql(target.database, dump);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `backup + restore on ${t.database.kind}: ${seconds.toFixed(2)} s, ${(dump.length / 1024).toFixed(0)} KiB`,
    );
    expect(await tableChecksums(target.database)).toEqual(await tableChecksums(t.database));
    // identity counters continue after the restored rows
    const next = await target.database.db
      .insertInto('audit_log')
      .values({ actor_name: 'kiểm tra', action: 'test', entity_type: 'x', entity_id: 'x', commune_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const max = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirstOrThrow();
    expect(next.id).toBe(Number(max.m) + 1);
  });

  it('refuses to restore over a database that has data', async () => {
    await expect(restoreSql(t.database, 'select 1;')).rejects.toThrow(/không trống/);
  });
});
