import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';
import { loadMigrations } from './migrate.ts';
import type { DB } from './schema.ts';

/** Rows per insert statement of a backup; tables with bytes (file chunks) take fewer. */
const ROWS_PER_STATEMENT = 500;
const ROWS_PER_STATEMENT_WITH_BYTES = 4;

type Checksums = Record<string, { rows: number; md5: string }>;

/** Application tables in an order that satisfies their foreign keys. */
export async function tablesInOrder(database: Database | Kysely<DB>): Promise<string[]> {
  const db = 'db' in database ? database.db : database;
  const { rows: tables } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'schema_migrations'
    order by c.relname`.execute(db);
  const { rows: edges } = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname`.execute(db);
  const ordered: string[] = [];
  const pending = new Set(tables.map((t) => t.name));
  while (pending.size > 0) {
    const ready = [...pending].filter((t) => !edges.some((e) => e.child === t && pending.has(e.parent)));
    if (ready.length === 0) throw new Error(`Circular foreign keys among ${[...pending].join(', ')}`);
    for (const t of ready.sort()) {
      ordered.push(t);
      pending.delete(t);
    }
  }
  return ordered;
}

/**
 * Row count and a checksum of every row's text, per table: equal before backup and after
 * restore. The checksum is the md5 of the sums of each row's md5 (as two 64-bit numbers), so it
 * does not depend on the order of the rows and never builds one string of a whole table (the
 * file chunks of a city are gigabytes).
 */
export async function tableChecksums(database: Database | Kysely<DB>): Promise<Checksums> {
  const db = 'db' in database ? database.db : database;
  const out: Checksums = {};
  for (const table of await tablesInOrder(db)) {
    const { rows } = await sql<{ rows: number; a: string; b: string }>`
      select count(*)::int as rows,
        coalesce(sum(('x' || substr(h, 1, 16))::bit(64)::bigint::numeric), 0)::text as a,
        coalesce(sum(('x' || substr(h, 17, 16))::bit(64)::bigint::numeric), 0)::text as b
      from (select md5(t::text) as h from ${sql.table(table)} t) rows_of_table`.execute(db);
    const { rows: count, a, b } = rows[0]!;
    out[table] = {
      rows: count,
      md5: count === 0 ? '' : createHash('md5').update(`${count}:${a}:${b}`).digest('hex'),
    };
  }
  return out;
}

function dollarQuote(text: string): string {
  let tag = '';
  do tag = `$cqtt_${randomBytes(4).toString('hex')}$`;
  while (text.includes(tag));
  return `${tag}${text}${tag}`;
}

/**
 * One connection of the database, held until release(): a backup reads every table in one
 * snapshot on it (on PGlite, the only connection, so the server waits for the backup).
 */
function holdConnection(db: Kysely<DB>): Promise<{ conn: Kysely<DB>; release(): void }> {
  return new Promise((resolve, reject) => {
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    db.connection()
      .execute(async (conn) => {
        resolve({ conn, release });
        await released;
      })
      .catch(reject);
  });
}

export interface BackupOptions {
  /** Told the checksums of every table, computed in the backup's own snapshot. */
  onChecksums?: (checksums: Checksums) => void;
}

/**
 * A plain SQL dump that any PostgreSQL client (psql, PGlite, `cqtt restore`) can run into an
 * empty database: the schema as the migrations wrote it, then every row, then the identity
 * counters. Everything is read in one repeatable-read transaction: a backup of a live cluster
 * is one consistent moment, and its checksums (onChecksums) are those of that moment.
 */
export async function* backupSql(database: Database, options: BackupOptions = {}): AsyncGenerator<string> {
  const { conn, release } = await holdConnection(database.db);
  let open = false;
  try {
    await sql`begin transaction isolation level repeatable read, read only`.execute(conn);
    open = true;
    const applied = new Set(
      (await conn.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version),
    );
    yield `-- cqtt backup, ${new Date().toISOString()}, from ${database.kind}\n`;
    yield '-- Restore into an empty database: cqtt restore FILE (or psql -1 -f FILE).\n\n';
    yield 'create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now());\n';
    for (const migration of loadMigrations()) {
      if (!applied.has(migration.version)) continue;
      yield `\n-- migration ${migration.version}\n${migration.sql}\n`;
      yield `insert into schema_migrations (version) values ('${migration.version}');\n`;
    }
    const { rows: withBytes } = await sql<{ table_name: string }>`
      select distinct table_name from information_schema.columns
      where table_schema = 'public' and data_type = 'bytea'`.execute(conn);
    const bytesTables = new Set(withBytes.map((r) => r.table_name));
    // Tables whose triggers keep tallies (survey_years, …) get their rows as they were, tallies
    // included: their triggers are off while the rows go in, or the tallies would count twice.
    // (The audit log's triggers refuse changes; a restore only inserts, which they allow anyway.)
    const { rows: triggered } = await sql<{ table_name: string }>`
      select distinct event_object_table as table_name from information_schema.triggers
      where trigger_schema = 'public' order by 1`.execute(conn);
    for (const { table_name } of triggered) yield `alter table ${table_name} disable trigger user;\n`;
    // Generated columns (supervision_entries.answered, …) are computed again on insert, so a row
    // goes in by its stored columns only.
    const { rows: stored } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and is_generated = 'NEVER' order by table_name, ordinal_position`.execute(
      conn,
    );
    const columnsOf = new Map<string, string[]>();
    for (const { table_name, column_name } of stored)
      columnsOf.set(table_name, [...(columnsOf.get(table_name) ?? []), `"${column_name}"`]);
    for (const table of await tablesInOrder(conn)) {
      yield `\n-- data ${table}\n`;
      const columns = columnsOf.get(table)!.join(', ');
      const batch = bytesTables.has(table) ? ROWS_PER_STATEMENT_WITH_BYTES : ROWS_PER_STATEMENT;
      await sql`declare cqtt_backup no scroll cursor for select to_jsonb(t)::text as row from ${sql.table(table)} t`.execute(
        conn,
      );
      for (;;) {
        const { rows } = await sql<{ row: string }>`fetch ${sql.raw(String(batch))} from cqtt_backup`.execute(
          conn,
        );
        if (rows.length === 0) break;
        const json = `[${rows.map((r) => r.row).join(',')}]`;
        yield `insert into ${table} (${columns}) overriding system value select ${columns} from jsonb_populate_recordset(null::${table}, ${dollarQuote(json)}::jsonb);\n`;
        if (rows.length < batch) break;
      }
      await sql`close cqtt_backup`.execute(conn);
    }
    yield '\n';
    for (const { table_name } of triggered) yield `alter table ${table_name} enable trigger user;\n`;
    const { rows: identities } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and is_identity = 'YES'`.execute(conn);
    yield '\n-- identity counters\n';
    for (const { table_name, column_name } of identities) {
      yield `select setval(pg_get_serial_sequence('${table_name}', '${column_name}'), coalesce((select max(${column_name}) from ${table_name}), 0) + 1, false);\n`;
    }
    if (options.onChecksums) options.onChecksums(await tableChecksums(conn));
    await sql`commit`.execute(conn);
    open = false;
  } finally {
    if (open) await sql`rollback`.execute(conn).catch(() => undefined);
    release();
  }
}

export async function isDatabaseEmpty(database: Database): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r'`.execute(database.db);
  return rows[0]!.n === 0;
}

const NOT_EMPTY = 'Cơ sở dữ liệu đích không trống: chỉ khôi phục vào một cơ sở dữ liệu mới.';

/** Runs a dump into an empty database, as one transaction. */
export async function restoreSql(database: Database, dump: string): Promise<void> {
  if (!(await isDatabaseEmpty(database))) throw new Error(NOT_EMPTY);
  await database.exec(`begin;\n${dump}\ncommit;`);
}

/** Statements sent to the server at a time by restoreFile (bytes of SQL, about). */
const RESTORE_BATCH = 8 * 1024 * 1024;

/**
 * Runs a dump file into an empty database, as one transaction on one session, reading it a
 * few megabytes at a time (a backup with the files of a city does not fit in memory). The
 * dump's statements are cut only before a data line (each is one whole statement).
 */
export async function restoreFile(database: Database, path: string): Promise<void> {
  if (!(await isDatabaseEmpty(database))) throw new Error(NOT_EMPTY);
  await database.session(async (session) => {
    await session.exec('begin');
    try {
      let pending: string[] = [];
      let size = 0;
      const lines = createInterface({
        input: createReadStream(path, 'utf8'),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      for await (const line of lines) {
        if (size > RESTORE_BATCH && (line.startsWith('insert into ') || line.startsWith('-- data '))) {
          await session.exec(pending.join('\n'));
          pending = [];
          size = 0;
        }
        pending.push(line);
        size += line.length + 1;
      }
      if (pending.length) await session.exec(pending.join('\n'));
      await session.exec('commit');
    } catch (error) {
      await session.exec('rollback').catch(() => undefined);
      throw error;
    }
  });
}
