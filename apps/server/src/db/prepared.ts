import type pg from 'pg';

/**
 * Statements run often enough that planning them each time shows (the rating write): on
 * PostgreSQL each connection prepares them once by name and reuses the plan. Register the
 * exact SQL text at module load; any query with that text is then sent as a named statement.
 * PGlite plans every query as before.
 */
const names = new Map<string, string>();

export function preparedStatement(name: string, text: string): string {
  const existing = names.get(text);
  if (existing && existing !== name) throw new Error(`Câu lệnh đã đăng ký với tên ${existing}`);
  names.set(text, `cqtt_${name}`);
  return text;
}

type Query = (...args: unknown[]) => unknown;

/**
 * The pool Kysely sees: the pg pool whose clients send registered statements by name.
 * Everything else (cursors, config objects, other texts) goes through unchanged.
 */
export function preparingPool(pool: pg.Pool) {
  return {
    async connect() {
      const client = await pool.connect();
      const query = client.query.bind(client) as Query;
      return {
        query: (text: unknown, values?: unknown[]) => {
          const name = typeof text === 'string' ? names.get(text) : undefined;
          return name ? query({ name, text, values }) : query(text, values);
        },
        release: () => client.release(),
      };
    },
    end: () => pool.end(),
  } as unknown as pg.Pool;
}
