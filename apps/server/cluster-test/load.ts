/**
 * Simulated devices sending writes through HAProxy, as they do on a busy morning: kiosks at the
 * counters sending one-tap ratings, citizens' phones sending feedback with a photo. Like the
 * real pages, a device keeps what was not acknowledged (a 5xx, no answer) and sends it again,
 * with the same clientId, until it is.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export interface Answer {
  kind: 'rating' | 'feedback';
  clientId: string;
  /** Milliseconds since the load started, when the request was sent and when it ended. */
  start: number;
  end: number;
  /** 0: no HTTP answer (connection refused or reset). */
  status: number;
  code?: string;
  message?: string;
}

export interface SentRating {
  clientId: string;
  dossierCode: string;
  score: number;
  /** The id the server answered (first acknowledgement). */
  id?: string;
}

export interface SentFeedback {
  clientId: string;
  content: string;
  file: Buffer;
  sha256: string;
  trackingCode?: string;
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A "photo": a PNG with 8-24 KB of its own bytes after it, so every file is different. */
function photo(): Buffer {
  return Buffer.concat([PNG, randomBytes(8192 + Math.floor(Math.random() * 16384))]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ratings sent so far by each simulated kiosk, across the runs of one test file. */
const kioskRatings: number[] = [];
function nextRating(kiosk: number): number {
  kioskRatings[kiosk] = (kioskRatings[kiosk] ?? 0) + 1;
  return kioskRatings[kiosk];
}

export class Load {
  readonly answers: Answer[] = [];
  readonly ratings = new Map<string, SentRating>();
  readonly feedback = new Map<string, SentFeedback>();
  private stopped = false;
  private devices: Promise<void>[] = [];
  private started = 0;

  constructor(
    private readonly url: string,
    private readonly options: { kiosks: number; citizens: number; communeCode: string; categoryCode: string },
  ) {}

  /** Milliseconds since start(). */
  now(): number {
    return Date.now() - this.started;
  }

  start() {
    this.started = Date.now();
    for (let i = 0; i < this.options.kiosks; i++) this.devices.push(this.kiosk(i));
    for (let i = 0; i < this.options.citizens; i++) this.devices.push(this.citizen(i));
  }

  /** Stops making new writes; each device still sends what it holds until acknowledged. */
  async stop(timeoutMs = 120_000) {
    this.stopped = true;
    const all = Promise.all(this.devices);
    await Promise.race([
      all,
      sleep(timeoutMs).then(() => Promise.reject(new Error('devices still hold writes'))),
    ]);
  }

  private async record(kind: Answer['kind'], clientId: string, send: () => Promise<Response>) {
    const start = this.now();
    let status = 0;
    let body: { id?: string; trackingCode?: string; error?: { code?: string; message?: string } } = {};
    try {
      const res = await send();
      status = res.status;
      body = await res.json().catch(() => ({}));
    } catch {
      status = 0;
    }
    this.answers.push({
      kind,
      clientId,
      start,
      end: this.now(),
      status,
      code: body.error?.code,
      message: body.error?.message,
    });
    return { status, body };
  }

  sendRating(r: SentRating) {
    return this.record('rating', r.clientId, () =>
      fetch(`${this.url}/api/public/ratings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          communeCode: this.options.communeCode,
          clientId: r.clientId,
          dossierCode: r.dossierCode,
          score: r.score,
          channel: 'kiosk',
        }),
        signal: AbortSignal.timeout(30_000),
      }),
    );
  }

  sendFeedback(f: SentFeedback) {
    const form = new FormData();
    form.append('communeCode', this.options.communeCode);
    form.append('categoryCode', this.options.categoryCode);
    form.append('content', f.content);
    form.append('allowPublish', 'false');
    form.append('clientId', f.clientId);
    form.append('files', new Blob([new Uint8Array(f.file)], { type: 'image/png' }), 'anh-hien-truong.png');
    return this.record('feedback', f.clientId, () =>
      fetch(`${this.url}/api/public/feedback`, {
        method: 'POST',
        body: form,
        signal: AbortSignal.timeout(30_000),
      }),
    );
  }

  /** A device's loop: a new write, or the one it holds, until stopped and holding nothing. */
  private async device<T>(
    next: () => T,
    send: (item: T) => Promise<{ status: number; body: Record<string, unknown> }>,
    acknowledged: (item: T, body: Record<string, unknown>) => void,
    thinkMs: number,
  ) {
    let holding: T | null = null;
    for (;;) {
      if (!holding && this.stopped) return;
      const item: T = holding ?? next();
      const { status, body } = await send(item);
      if (status >= 200 && status < 300) {
        acknowledged(item, body);
        holding = null;
        await sleep(thinkMs);
      } else {
        // a 5xx or no answer: keep it and send it again a little later (a 4xx would be a bug)
        holding = status >= 400 && status < 500 ? null : item;
        await sleep(500);
      }
    }
  }

  private kiosk(n: number) {
    return this.device<SentRating>(
      () => ({
        clientId: randomUUID(),
        // a dossier the commune holds (seeded by the test), each rated once across every run
        dossierCode: `K${n}-${nextRating(n)}`,
        score: 1 + Math.floor(Math.random() * 5),
      }),
      (r) => this.sendRating(r),
      (r, body) => {
        r.id = String(body.id);
        this.ratings.set(r.clientId, r);
      },
      150,
    );
  }

  private citizen(n: number) {
    let count = 0;
    return this.device<SentFeedback>(
      () => {
        const file = photo();
        return {
          clientId: randomUUID(),
          content: `Phản ánh số ${++count} của người dân ${n}: đèn đường ở ngõ ${n} bị hỏng, đề nghị sửa.`,
          file,
          sha256: createHash('sha256').update(file).digest('hex'),
        };
      },
      (f) => this.sendFeedback(f),
      (f, body) => {
        f.trackingCode = String(body.trackingCode);
        this.feedback.set(f.clientId, f);
      },
      600,
    );
  }

  /** Writes that did not get a 2xx, sent in [from, to) (ms since start). */
  failures(from = 0, to = Number.POSITIVE_INFINITY): Answer[] {
    return this.answers.filter((a) => (a.status < 200 || a.status >= 300) && a.start >= from && a.start < to);
  }

  successes(from = 0, to = Number.POSITIVE_INFINITY): Answer[] {
    return this.answers.filter((a) => a.status >= 200 && a.status < 300 && a.start >= from && a.start < to);
  }

  /**
   * How long writes failed after an event at `at` (ms), up to `until`: from the first failed
   * write sent at or after it to the end of the last failed one; 0 when none failed.
   */
  outage(at: number, until: number): { seconds: number; failed: number; from: number; to: number } {
    const failed = this.failures(at - 1000, until);
    if (failed.length === 0) return { seconds: 0, failed: 0, from: at, to: at };
    const from = Math.min(...failed.map((a) => a.start));
    const to = Math.max(...failed.map((a) => a.end));
    return { seconds: (to - from) / 1000, failed: failed.length, from, to };
  }

  /**
   * The longest time without any acknowledged write, in [from, to) (ms): what a counter sees
   * when writes wait rather than fail (a commit waiting for its standby).
   */
  longestGap(from: number, to: number): number {
    const ends = this.successes(0)
      .map((a) => a.end)
      .filter((e) => e >= from && e < to)
      .sort((a, b) => a - b);
    let gap = 0;
    let last = from;
    for (const e of ends) {
      gap = Math.max(gap, e - last);
      last = e;
    }
    return Math.max(gap, to - last) / 1000;
  }
}
