/** Backup, then restore into an empty database: every table's rows and checksum identical (RELIABILITY.md 20). */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backupSql, restoreSql, tableChecksums } from '../src/db/backup.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { withDatabase } from './global-setup.ts';
import { createTestApp, login, type TestApp } from './harness.ts';

let t: TestApp;
let target: Database;
let dropTarget = async () => {};

beforeAll(async () => {
  t = await createTestApp();
  if (inject('dbKind') === 'postgres') {
    const url = inject('postgresUrl');
    const name = `cqtt_t_${process.ppid}_restore_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    target = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 2 });
    dropTarget = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    target = await openDatabase({ dataDir: 'memory://' });
  }
});
afterAll(async () => {
  await target.close();
  await dropTarget();
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
    await restoreSql(target, dump);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `backup + restore on ${t.database.kind}: ${seconds.toFixed(2)} s, ${(dump.length / 1024).toFixed(0)} KiB`,
    );
    expect(await tableChecksums(target)).toEqual(await tableChecksums(t.database));
    // identity counters continue after the restored rows
    const next = await target.db
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
