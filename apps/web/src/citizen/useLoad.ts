import { useEffect, useState } from 'react';
import { publicErrorMessage, publicGet } from './api';

export type Load<T> =
  | { state: 'loading' }
  | { state: 'error'; message: string; status: number }
  | { state: 'ready'; data: T };

/** GETs a public path and follows it as it changes; no cache library on the citizens' pages. */
export function useLoad<T>(path: string | null): [Load<T>, () => void] {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!path) return;
    void attempt;
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    publicGet<T>(path, controller.signal).then(
      (data) => setLoad({ state: 'ready', data }),
      (err: unknown) => {
        if ((err as Error).name === 'AbortError') return;
        const status = (err as { status?: number }).status ?? 0;
        setLoad({ state: 'error', message: publicErrorMessage(err), status });
      },
    );
    return () => controller.abort();
  }, [path, attempt]);
  return [load, () => setAttempt((n) => n + 1)];
}
