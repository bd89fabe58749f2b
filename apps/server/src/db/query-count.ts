import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogEvent } from 'kysely';

/**
 * Counts the SQL statements a piece of work runs (Kysely's log hook, per async context), so a
 * route can say how many queries it took (the city's views answer `x-query-count`, which the
 * benchmark prints): a view that loops over communes shows up as a count that grows with them.
 */
const counter = new AsyncLocalStorage<{ n: number }>();

export function countingLog(event: LogEvent): void {
  if (event.level !== 'query') return;
  const c = counter.getStore();
  if (c) c.n++;
}

export async function countQueries<T>(work: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const c = { n: 0 };
  const result = await counter.run(c, work);
  return { result, queries: c.n };
}
