import { health } from '@cqtt/contract/ops';
import { useSyncExternalStore } from 'react';

/**
 * Whether the server is reconnecting to its database (a failover of PostgreSQL, a restart):
 * set by any answer `503 {"error": {"code": "reconnecting"}}` (the node's, or HAProxy's when no
 * node can answer), cleared as soon as /api/health answers again. The console shows a notice
 * meanwhile instead of a string of errors (ConsoleLayout).
 */
let reconnecting = false;
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

const CHECK_EVERY_MS = 3000;

function set(value: boolean) {
  if (reconnecting === value) return;
  reconnecting = value;
  for (const listener of listeners) listener();
}

async function check() {
  timer = null;
  try {
    const res = await fetch(health.url, { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (res.ok) {
      set(false);
      return;
    }
  } catch {
    // still away
  }
  timer = setTimeout(() => void check(), CHECK_EVERY_MS);
}

/** Told by the API client that an answer said "reconnecting". */
export function reportReconnecting(): void {
  set(true);
  if (!timer) timer = setTimeout(() => void check(), CHECK_EVERY_MS);
}

export function useReconnecting(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => reconnecting,
  );
}
