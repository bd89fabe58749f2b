import type pg from 'pg';
import { isDatabaseUnavailable } from './unavailable.ts';

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
 * Everything else (cursors, config objects, other texts) goes through unchanged. A client
 * whose server went away, or turned into a standby under it (a failover), is destroyed when
 * released instead of serving the next request (db/unavailable.ts).
 */
export function preparingPool(pool: pg.Pool) {
  return {
    async connect() {
      const client = await pool.connect();
      const query = client.query.bind(client) as Query;
      let broken: Error | undefined;
      // pg emits 'error' on a client whose server goes away; unheard, it would end the process
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      const watch = (result: unknown) => {
        if (result instanceof Promise)
          result.catch((error: Error) => {
            if (isDatabaseUnavailable(error)) broken = error;
          });
        return result;
      };
      return {
        query: (text: unknown, values?: unknown[]) => {
          const name = typeof text === 'string' ? names.get(text) : undefined;
          return watch(name ? query({ name, text, values }) : query(text, values));
        },
        release: () => {
          client.removeListener('error', onError);
          client.release(broken);
        },
      };
    },
    end: () => pool.end(),
  } as unknown as pg.Pool;
}
