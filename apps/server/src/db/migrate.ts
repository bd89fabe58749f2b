import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.ts';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => ({ version: file.replace(/\.sql$/, ''), sql: readFileSync(join(dir, file), 'utf8') }));
}

// Any number: the same key for every server so two never migrate at once.
const MIGRATION_LOCK = 736_051_112;

/**
 * Applies the migrations not yet applied. Each runs as one script, which
 * PostgreSQL executes as one transaction: its row in schema_migrations is
 * written first under a transaction-level lock, so a second server that
 * races for the same migration waits, then fails on that row and skips it.
 * Returns the versions applied by this call.
 */
export async function migrate(database: Database): Promise<string[]> {
  const { db } = database;
  await database.exec(`create table if not exists schema_migrations (
    version text primary key,
    applied_at timestamptz not null default now()
  )`);
  const done = new Set(
    (await db.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version),
  );
  const applied: string[] = [];
  for (const migration of loadMigrations()) {
    if (done.has(migration.version)) continue;
    try {
      await database.exec(
        `select pg_advisory_xact_lock(${MIGRATION_LOCK});
insert into schema_migrations (version) values ('${migration.version}');
${migration.sql}`,
      );
      applied.push(migration.version);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') continue; // applied by another server meanwhile
      throw new Error(`Migration ${migration.version} failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return applied;
}
