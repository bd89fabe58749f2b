/**
 * The database layer behaves the same on PGlite and PostgreSQL: rollback
 * leaves nothing, affected-row counts are right, concurrent transactions on
 * the single PGlite connection do not mix, dates stay plain dates.
 */

import { foldVietnamese } from '@cqtt/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldSql } from '../src/db/fold.ts';
import { migrate } from '../src/db/migrate.ts';
import { communeIdOf, createTestApp, type TestApp } from './harness.ts';

let t: TestApp;
let communeId: string;
beforeAll(async () => {
  t = await createTestApp();
  communeId = await communeIdOf(t.database, 'HP-BINHGIANG');
});
afterAll(() => t.close());

describe(`database layer`, () => {
  it.runIf(process.env.CQTT_TEST_DB !== 'postgres')(
    'a new embedded database folder starts from the tarball of the first one migrated, never an existing folder',
    async () => {
      const { mkdtempSync, readdirSync, rmSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const { join } = await import('node:path');
      const { openDatabase } = await import('../src/db/database.ts');
      const dir = mkdtempSync(join(tmpdir(), 'cqtt-template-test-'));
      const before = process.env.CQTT_PGLITE_TEMPLATE_DIR;
      process.env.CQTT_PGLITE_TEMPLATE_DIR = join(dir, 'cache');
      try {
        const first = await openDatabase({ dataDir: join(dir, 'a') });
        expect(first.origin).toBe('initdb');
        const applied = await migrate(first);
        expect(applied.length).toBeGreaterThan(0);
        await first.keepAsTemplate();
        await first.db.insertInto('cities').values({ code: 'X', name: 'Thành phố X' }).execute();
        await first.close();
        expect(readdirSync(join(dir, 'cache'))).toEqual([expect.stringMatching(/^pglite-.*\.tar$/)]);

        const second = await openDatabase({ dataDir: join(dir, 'b') });
        expect(second.origin).toBe('template');
        expect(await migrate(second)).toEqual([]);
        // migrated and empty: what the first held after its template was kept is not there
        expect(await second.db.selectFrom('cities').select('code').execute()).toEqual([]);
        await second.close();

        const again = await openDatabase({ dataDir: join(dir, 'a') });
        expect(again.origin).toBe('existing');
        expect(await again.db.selectFrom('cities').select('code').execute()).toEqual([{ code: 'X' }]);
        await again.close();
      } finally {
        if (before === undefined) delete process.env.CQTT_PGLITE_TEMPLATE_DIR;
        else process.env.CQTT_PGLITE_TEMPLATE_DIR = before;
        rmSync(dir, { recursive: true, force: true });
      }
    },
    600_000,
  );

  it.runIf(process.env.CQTT_TEST_DB !== 'postgres')(
    'the embedded database keeps 32 MB of shared buffers, not 128 MB of the server default',
    async () => {
      const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(t.database.db);
      expect(rows[0]!.shared_buffers).toBe('32MB');
    },
  );

  it('a rolled-back transaction keeps no row', async () => {
    const { db } = t.database;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('villages')
          .values({ commune_id: communeId, name: 'Thôn Rollback', households: 1, updated_at: new Date() })
          .execute();
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const found = await db.selectFrom('villages').select('id').where('name', '=', 'Thôn Rollback').execute();
    expect(found).toHaveLength(0);
  });

  it('update and delete report how many rows they touched', async () => {
    const { db } = t.database;
    const held = await db
      .selectFrom('units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('commune_id', '=', communeId)
      .executeTakeFirstOrThrow();
    expect(Number(held.n)).toBeGreaterThan(1);
    const updated = await db
      .updateTable('units')
      .set({ description: 'cập nhật' })
      .where('commune_id', '=', communeId)
      .executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(Number(held.n));
    const none = await db
      .updateTable('units')
      .set({ description: 'x' })
      .where('code', '=', 'KHONG_CO')
      .executeTakeFirst();
    expect(Number(none.numUpdatedRows)).toBe(0);
    await db
      .insertInto('villages')
      .values({ commune_id: communeId, name: 'Thôn Xóa', households: 1, updated_at: new Date() })
      .execute();
    const deleted = await db.deleteFrom('villages').where('name', '=', 'Thôn Xóa').executeTakeFirst();
    expect(Number(deleted.numDeletedRows)).toBe(1);
  });

  it('concurrent transactions do not see or break each other', async () => {
    const { db } = t.database;
    const runs = Array.from({ length: 20 }, (_, i) =>
      db
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto('villages')
            .values({
              commune_id: communeId,
              name: `Thôn Song Song ${i}`,
              households: i,
              updated_at: new Date(),
            })
            .execute();
          await new Promise((r) => setTimeout(r, 1));
          if (i % 2 === 1) throw new Error('odd');
        })
        .catch(() => 'rolled back'),
    );
    await Promise.all(runs);
    const rows = await db
      .selectFrom('villages')
      .select('households')
      .where('name', 'like', 'Thôn Song Song %')
      .orderBy('households')
      .execute();
    expect(rows.map((r) => r.households)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });

  it('dates come back as YYYY-MM-DD strings and counts as numbers', async () => {
    const row = await sql<{
      d: string;
      n: number;
    }>`select '2026-02-15'::date as d, count(*) as n from units`.execute(t.database.db);
    expect(row.rows[0]).toEqual({ d: '2026-02-15', n: expect.any(Number) });
  });

  it('SQL folding of Vietnamese text matches the domain rule, letter for letter', async () => {
    const samples = [
      'Thôn Văn Hóa',
      'ĐẶC KHU CÁT HẢI',
      'Ủy ban Mặt trận Tổ quốc',
      'ỳýỵỷỹ ừứựửữ ờớợởỡ',
      'Phường Hồng Bàng',
    ];
    for (const text of samples) {
      const { rows } = await sql<{ f: string }>`select ${foldSql(sql.val(text))} as f`.execute(t.database.db);
      expect(rows[0]!.f).toBe(foldVietnamese(text));
    }
  });

  it('migrations are applied once; running them again does nothing', async () => {
    expect(await migrate(t.database)).toEqual([]);
  });
});
