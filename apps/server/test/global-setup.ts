import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { DEFAULT_DEMO_PASSWORD } from '../src/config.ts';
import { dumpPglite, openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedDemo } from '../src/demo/seed.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dbKind: 'pglite' | 'postgres';
    /** PGlite: a tarball of a migrated database with the demo data. */
    pgliteTemplate: string;
    /** PostgreSQL: server URL and the name of a template database with the demo data. */
    postgresUrl: string;
    postgresTemplate: string;
  }
}

/**
 * Builds one migrated database with the demo data before the run; every test
 * file then starts from a copy of it (PGlite: its data folder as a tarball;
 * PostgreSQL: CREATE DATABASE … TEMPLATE), which is much faster than
 * creating and seeding a database per file.
 */
export default async function setup(project: TestProject) {
  const kind = process.env.CQTT_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
  project.provide('dbKind', kind);
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'cqtt-template-'));
    const database = await openDatabase({ dataDir: join(dir, 'db') });
    await migrate(database);
    await seedDemo(database.db, DEFAULT_DEMO_PASSWORD);
    await database.close();
    const tarball = join(dir, 'template.tar');
    writeFileSync(tarball, Buffer.from(await (await dumpPglite(join(dir, 'db'))).arrayBuffer()));
    project.provide('pgliteTemplate', tarball);
    project.provide('postgresUrl', '');
    project.provide('postgresTemplate', '');
    return () => rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      'CQTT_TEST_DB=postgres cần TEST_DATABASE_URL (postgres://…) của một người dùng được CREATE DATABASE.',
    );
  const template = `cqtt_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  const database = await openDatabase({ databaseUrl: withDatabase(url, template), poolSize: 2 });
  await migrate(database);
  await seedDemo(database.db, DEFAULT_DEMO_PASSWORD);
  await database.close();
  project.provide('pgliteTemplate', '');
  project.provide('postgresUrl', url);
  project.provide('postgresTemplate', template);
  return async () => {
    const rows = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 or datname = $2`,
      [`cqtt_t_${process.pid}_%`, template],
    );
    for (const row of rows.rows) await admin.query(`drop database if exists ${row.datname} with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
