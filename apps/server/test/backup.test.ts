/**
 * Backup, then restore into an empty database: every table's rows and checksum identical, and
 * every uploaded file's bytes with them (RELIABILITY.md 20, decision 0021).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupSql, restoreFile, restoreSql, tableChecksums } from '../src/db/backup.ts';
import type { Database } from '../src/db/database.ts';
import { verifyFiles } from '../src/files/backup.ts';
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
    // an uploaded file: its bytes are in the backup with its row
    const photo = Buffer.alloc(600 * 1024);
    for (let i = 0; i < photo.length; i++) photo[i] = (i * 31) & 0xff;
    photo.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const boundary = '----cqttbackup';
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/files',
      headers: {
        cookie: admin.cookie!,
        'x-csrf-token': admin.csrfToken!,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ảnh.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        photo,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const started = performance.now();
    const dir = mkdtempSync(join(tmpdir(), 'cqtt-backup-'));
    let dump = '';
    let sums: Awaited<ReturnType<typeof tableChecksums>> = {};
    try {
      for await (const chunk of backupSql(t.database, { onChecksums: (c) => (sums = c) })) dump += chunk;
      writeFileSync(join(dir, 'backup.sql'), dump);
      await restoreFile(target.database, join(dir, 'backup.sql'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `backup + restore on ${t.database.kind}: ${seconds.toFixed(2)} s, ${(dump.length / 1024).toFixed(0)} KiB`,
    );
    expect(await tableChecksums(target.database)).toEqual(await tableChecksums(t.database));
    // the checksums the backup printed are those of what it holds
    expect(sums).toEqual(await tableChecksums(target.database));
    const source = await verifyFiles(t.database.db, { checksums: true });
    const restored = await verifyFiles(target.database.db, { checksums: true });
    expect(restored.checksums).toEqual(source.checksums);
    expect(restored.checksums?.[upload.json().id]).toMatch(/^[0-9a-f]{64}$/);
    expect(restored).toMatchObject({ missing: [], corrupt: [] });
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
