/**
 * Sending ratings from a phone or a counter tablet. Every rating carries a client-made id,
 * so sending it again never makes a second one. When the network is down, ratings wait in
 * localStorage (they survive a reload) and go out when it returns.
 */
export interface RatingBody {
  communeCode: string;
  counterId?: string;
  officialId?: string;
  dossierCode?: string;
  clientId: string;
  score: number;
  conduct?: { done: string[]; breaches: string[] };
  comment?: string;
  channel: 'qr' | 'kiosk' | 'web';
  /** When the citizen gave it (the device's clock): a rating sent late counts on that day. */
  givenAt?: string;
}

const QUEUE_KEY = 'cqtt.ratings.pending';
const DEVICE_KEY = 'cqtt.device';
const KIOSK_KEY = 'cqtt.kiosk.key';

/**
 * The key of a counter tablet the staff registered: it comes once in the link they open on the
 * tablet (…/kiosk?may=<key>), stays in the tablet's storage and goes with its ratings, which the
 * server then limits per tablet instead of per the office's shared address. Answers whether a
 * key was kept (the page then takes it out of the address bar).
 */
export function keepKioskKey(key: string | null): boolean {
  if (!key || !/^[A-Za-z0-9_-]{43}$/.test(key)) return false;
  try {
    localStorage.setItem(KIOSK_KEY, key);
    return true;
  } catch {
    return false;
  }
}

function kioskKey(): string | null {
  try {
    return localStorage.getItem(KIOSK_KEY);
  } catch {
    return null;
  }
}

export function newId(): string {
  // randomUUID needs a secure context; a tablet on plain http over the LAN lacks it.
  const c: Crypto = globalThis.crypto;
  if (typeof c.randomUUID === 'function' && globalThis.isSecureContext) return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function deviceId(): string {
  try {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = newId();
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return newId();
  }
}

export function pending(): RatingBody[] {
  try {
    return JSON.parse(localStorage.getItem(QUEUE_KEY) ?? '[]') as RatingBody[];
  } catch {
    return [];
  }
}

function save(list: RatingBody[]) {
  localStorage.setItem(QUEUE_KEY, JSON.stringify(list));
  window.dispatchEvent(new Event('cqtt-pending'));
}

export type SendResult =
  | { kind: 'sent'; id: string }
  | { kind: 'queued' }
  | { kind: 'refused'; status: number; message: string };

async function post(body: RatingBody): Promise<SendResult> {
  let res: Response;
  try {
    res = await fetch('/api/public/ratings', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'x-cqtt-device': deviceId(),
        ...(body.channel === 'kiosk' && kioskKey() ? { 'x-cqtt-kiosk': kioskKey()! } : {}),
      },
      body: JSON.stringify(body),
    });
  } catch {
    return { kind: 'queued' };
  }
  const data = (await res.json().catch(() => ({}))) as { id?: string; error?: { message?: string } };
  if (res.ok && data.id) return { kind: 'sent', id: data.id };
  if (res.status >= 500 || res.status === 0) return { kind: 'queued' };
  return {
    kind: 'refused',
    status: res.status,
    message: data.error?.message ?? 'Không gửi được đánh giá. Vui lòng thử lại.',
  };
}

/** Sends a rating now, or keeps it for later when the network (or the server) is down. */
export async function sendRating(body: RatingBody): Promise<SendResult> {
  const result = navigator.onLine === false ? ({ kind: 'queued' } as const) : await post(body);
  // a rating that waits carries the moment it was given, so that it counts on its own day
  const kept = { ...body, givenAt: body.givenAt ?? new Date().toISOString() };
  if (result.kind === 'queued') save([...pending().filter((p) => p.clientId !== body.clientId), kept]);
  return result;
}

let flushing = false;

/** Sends what is waiting, oldest first; stops at the first network failure. */
export async function flushPending(): Promise<number> {
  if (flushing) return pending().length;
  flushing = true;
  try {
    for (const body of pending()) {
      const result = await post(body);
      if (result.kind === 'queued') break;
      // sent, or refused for good (e.g. the dossier was rated meanwhile): either way done
      save(pending().filter((p) => p.clientId !== body.clientId));
    }
  } finally {
    flushing = false;
  }
  return pending().length;
}
