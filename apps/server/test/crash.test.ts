/**
 * RELIABILITY 19: the server process is killed (kill -9) while citizens are sending 1,000
 * ratings. After a restart every rating that was acknowledged is there, with its audit row, and
 * a kiosk that sends it again is told it is already stored rather than storing it twice.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database.ts';
import { withDatabase } from './global-setup.ts';
import { type ServerProcess, spawnServer, waitForHealth } from './server-process.ts';

const cleanups: Array<() => Promise<void>> = [];
const running: ServerProcess[] = [];
afterAll(async () => {
  for (const server of running) if (server.child.exitCode === null) server.child.kill('SIGKILL');
  for (const cleanup of cleanups) await cleanup();
});

/** Dossiers of Bình Giang by code, as the one-stop system's list would bring them. */
async function holdDossiers(database: Database, codes: string[]) {
  const commune = await database.db
    .selectFrom('communes')
    .select('id')
    .where('code', '=', 'HP-BINHGIANG')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < codes.length; i += 500)
    await database.db
      .insertInto('dossiers')
      .values(
        codes
          .slice(i, i + 500)
          .map((code) => ({ commune_id: commune.id, code, status: 'received' as const })),
      )
      .execute();
}

/**
 * A database of the run's kind holding the demo data and these dossiers, as the server
 * process's settings.
 */
async function demoDatabase(dossiers: string[]): Promise<{ env: Record<string, string>; sql?: string }> {
  if (inject('dbKind') === 'postgres') {
    const name = `cqtt_t_crash_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
    await admin.end();
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: inject('postgresUrl') });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    });
    const url = withDatabase(inject('postgresUrl'), name);
    const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
    await holdDossiers(database, dossiers);
    await database.close();
    return { env: { DATABASE_URL: url, CQTT_SEED_DEMO: '0' }, sql: url };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'cqtt-crash-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const copy = await openDatabase({
    dataDir,
    loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
  });
  await holdDossiers(copy, dossiers);
  await copy.close();
  return { env: { DATABASE_URL: '', DATA_DIR: dataDir, CQTT_SEED_DEMO: '0' } };
}

async function start(env: Record<string, string>) {
  const server = await spawnServer({ ...env, NODE_ENV: '', CQTT_JOBS: '0' });
  running.push(server);
  await waitForHealth(server);
  return server;
}

const post = (server: ServerProcess, rating: { clientId: string; dossierCode: string }) =>
  fetch(`${server.url}/api/public/ratings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ communeCode: 'HP-BINHGIANG', score: 4, channel: 'kiosk', ...rating }),
  });

describe('kill -9 during 1,000 ratings', () => {
  it('every acknowledged rating is there after the restart, once, with its audit row', async () => {
    const stamp = Date.now();
    const ratings = Array.from({ length: 1000 }, (_, i) => ({
      clientId: randomUUID(),
      dossierCode: `HS-CRASH-${stamp}-${i}`,
    }));
    const { env, sql } = await demoDatabase(ratings.map((r) => r.dossierCode));
    const first = await start(env);
    const acknowledged = new Map<string, string>();
    const unexpected: string[] = [];
    let next = 0;
    let killed = false;
    // 20 kiosks sending at once; the process dies while some of their ratings are in flight
    const kiosk = async () => {
      while (next < ratings.length) {
        const rating = ratings[next++]!;
        try {
          const res = await post(first, rating);
          if (res.status === 201) acknowledged.set(rating.clientId, (await res.json()).id);
          else unexpected.push(`${res.status} ${await res.text()}`);
        } catch {
          // the connection died with the process: not acknowledged
        }
        if (!killed && acknowledged.size >= 300) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, kiosk));
    expect(unexpected).toEqual([]);
    expect(await first.exited).toBeNull(); // killed by the signal, not exited
    expect(acknowledged.size).toBeGreaterThanOrEqual(300);
    expect(acknowledged.size).toBeLessThan(1000);

    const second = await start(env);
    // Every kiosk sends everything again (a kiosk cannot know what arrived before the crash).
    const again = new Map<string, { status: number; id: string }>();
    next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < ratings.length) {
          const rating = ratings[next++]!;
          const res = await post(second, rating);
          again.set(rating.clientId, { status: res.status, id: (await res.json()).id });
        }
      }),
    );
    for (const [clientId, id] of acknowledged) {
      expect(again.get(clientId), `acknowledged ${clientId}`).toEqual({ status: 200, id });
    }
    expect([...again.values()].every((r) => r.status === 200 || r.status === 201)).toBe(true);

    if (sql) {
      const client = new pg.Client({ connectionString: sql });
      await client.connect();
      try {
        const { rows } = await client.query(
          `select count(*)::int as ratings,
             count(a.id)::int as audited,
             count(distinct a.entity_id)::int as audited_once
           from ratings r
           left join audit_log a on a.entity_type = 'rating' and a.entity_id = r.id::text
           where r.dossier_code like $1`,
          [`HS-CRASH-${stamp}-%`],
        );
        expect(rows[0]).toEqual({ ratings: 1000, audited: 1000, audited_once: 1000 });
      } finally {
        await client.end();
      }
    }
    second.child.kill('SIGTERM');
    expect(await second.exited, second.output()).toBe(0);
  }, 240_000);
});
