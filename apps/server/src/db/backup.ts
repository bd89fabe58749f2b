import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from './database.ts';
import { loadMigrations } from './migrate.ts';

const CHUNK = 500;

/** Application tables in an order that satisfies their foreign keys. */
export async function tablesInOrder(database: Database): Promise<string[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'schema_migrations'
    order by c.relname`.execute(database.db);
  const { rows: edges } = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname`.execute(database.db);
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

/** Row count and an md5 of every row's text, per table: equal before backup and after restore. */
export async function tableChecksums(
  database: Database,
): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const table of await tablesInOrder(database)) {
    const { rows } = await sql<{ rows: number; md5: string | null }>`
      select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5
      from ${sql.table(table)} t`.execute(database.db);
    out[table] = { rows: rows[0]!.rows, md5: rows[0]!.md5 ?? '' };
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
 * A plain SQL dump that any PostgreSQL client (psql, PGlite, `cqtt restore`)
 * can run into an empty database: the schema as the migrations wrote it, then
 * every row, then the identity counters.
 */
export async function* backupSql(database: Database): AsyncGenerator<string> {
  const applied = new Set(
    (await database.db.selectFrom('schema_migrations').select('version').execute()).map((r) => r.version),
  );
  yield `-- cqtt backup, ${new Date().toISOString()}, from ${database.kind}\n`;
  yield '-- Restore into an empty database: cqtt restore FILE (or psql -1 -f FILE).\n\n';
  yield 'create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now());\n';
  for (const migration of loadMigrations()) {
    if (!applied.has(migration.version)) continue;
    yield `\n-- migration ${migration.version}\n${migration.sql}\n`;
    yield `insert into schema_migrations (version) values ('${migration.version}');\n`;
  }
  // The audit log refuses changes; a restore only inserts, which it allows.
  for (const table of await tablesInOrder(database)) {
    yield `\n-- data ${table}\n`;
    let offset = 0;
    for (;;) {
      const { rows } = await sql<{ chunk: unknown }>`
        select coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb) as chunk from (
          select * from ${sql.table(table)} order by 1 limit ${CHUNK} offset ${offset}
        ) t`.execute(database.db);
      const chunk = rows[0]!.chunk as unknown[];
      if (chunk.length === 0) break;
      yield `insert into ${table} overriding system value select * from jsonb_populate_recordset(null::${table}, ${dollarQuote(JSON.stringify(chunk))}::jsonb);\n`;
      offset += chunk.length;
      if (chunk.length < CHUNK) break;
    }
  }
  const { rows: identities } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and is_identity = 'YES'`.execute(database.db);
  yield '\n-- identity counters\n';
  for (const { table_name, column_name } of identities) {
    yield `select setval(pg_get_serial_sequence('${table_name}', '${column_name}'), coalesce((select max(${column_name}) from ${table_name}), 0) + 1, false);\n`;
  }
}

export async function isDatabaseEmpty(database: Database): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r'`.execute(database.db);
  return rows[0]!.n === 0;
}

/** Runs a dump into an empty database, as one transaction. */
export async function restoreSql(database: Database, dump: string): Promise<void> {
  if (!(await isDatabaseEmpty(database))) {
    throw new Error('Cơ sở dữ liệu đích không trống: chỉ khôi phục vào một cơ sở dữ liệu mới.');
  }
  await database.exec(`begin;\n${dump}\ncommit;`);
}
