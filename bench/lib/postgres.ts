/**
 * The PostgreSQL server the benchmark measures against. By default the run starts its own
 * PostgreSQL 15 (initdb in a temporary folder, loopback only, a free port, fsync and
 * synchronous_commit on as in production, pg_stat_statements loaded) and removes it at the
 * end: its settings are known and its processes can be measured. BENCH_DATABASE_URL points at
 * another server instead (a role that may create databases); then PostgreSQL's CPU is measured
 * only if its postmaster.pid is readable here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './servers.ts';

export interface Postgres {
  /** URL of the maintenance database (postgres). */
  adminUrl: string;
  /** Where it comes from, for the report. */
  origin: string;
  /** The postmaster's pid (its backends are its children), when known. */
  pid: number | null;
  hasStatements: boolean;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'];

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function helpers(adminUrl: string) {
  return async (name: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    return withDatabase(adminUrl, name);
  };
}

async function external(url: string): Promise<Postgres> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let pid: number | null = null;
  let hasStatements = false;
  try {
    const dir = (await client.query('show data_directory')).rows[0]?.data_directory as string | undefined;
    if (dir && existsSync(join(dir, 'postmaster.pid')))
      pid = Number(readFileSync(join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    // not allowed to read it: no PostgreSQL CPU figure
  }
  try {
    await client.query('create extension if not exists pg_stat_statements');
    await client.query('select 1 from pg_stat_statements limit 1');
    hasStatements = true;
  } catch {
    hasStatements = false;
  }
  await client.end();
  return {
    adminUrl: url,
    origin: `BENCH_DATABASE_URL (${new URL(url).host})`,
    pid,
    hasStatements,
    createDatabase: helpers(url),
    stop: async () => undefined,
  };
}

async function own(): Promise<Postgres> {
  const bin = BIN_DIRS.find((d) => existsSync(join(d, 'initdb')));
  if (!bin) throw new Error('PostgreSQL is not installed here: set BENCH_DATABASE_URL');
  const dir = mkdtempSync(join(tmpdir(), 'cqtt-bench-pg-'));
  const data = join(dir, 'data');
  // initdb refuses to run as root: then the cluster belongs to the postgres user
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const r = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], {
          encoding: 'utf8',
          cwd: dir,
        })
      : spawnSync(join(bin, cmd), args, { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c fsync=on',
    '-c synchronous_commit=on',
    '-c max_connections=200',
    '-c shared_preload_libraries=pg_stat_statements',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', 'start']);
  const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const version = (await client.query('show server_version')).rows[0].server_version as string;
  await client.end();
  return {
    adminUrl,
    origin: `own PostgreSQL ${version} on 127.0.0.1:${port} (fsync on, synchronous_commit on)`,
    pid,
    hasStatements: true,
    createDatabase: helpers(adminUrl),
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export function startPostgres(): Promise<Postgres> {
  const url = process.env.BENCH_DATABASE_URL;
  return url ? external(url) : own();
}

/** pg_stat_statements of one database, emptied before a measured run. */
export async function resetStatements(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('create extension if not exists pg_stat_statements');
    await c.query('select pg_stat_statements_reset()');
  } finally {
    await c.end();
  }
}

/** The statements that took most of the server's execution time since the reset. */
export async function topStatements(
  url: string,
  limit = 5,
): Promise<{ calls: number; totalMs: number; query: string }[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(
      `select calls::int, (total_exec_time + total_plan_time)::float8 as total_ms, query
       from pg_stat_statements s join pg_database d on d.oid = s.dbid
       where d.datname = current_database()
       order by total_exec_time + total_plan_time desc limit $1`,
      [limit],
    );
    return rows.map((r) => ({ calls: r.calls, totalMs: r.total_ms, query: r.query as string }));
  } finally {
    await c.end();
  }
}

/**
 * The dossiers <prefix>-1 … <prefix>-n of Bình Giang, as the commune would hold them after an
 * import: a rating's code counts only when the commune holds that dossier (decision 0020), and
 * one naming a code it does not hold is a rating without a code, under the limits of those
 * (an anonymous flood from one address after a few dozen). Inserted in one statement.
 */
export async function seedDossiers(url: string, prefix: string, n: number): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(
      `insert into dossiers (commune_id, code, status)
       select c.id, $1 || '-' || g, 'received' from communes c, generate_series(1, $2::int) g
       where c.code = 'HP-BINHGIANG'`,
      [prefix, n],
    );
    await c.query('analyze dossiers');
  } finally {
    await c.end();
  }
}
