/**
 * A real SMTP server on loopback for the mail tests (smtp-server), which
 * keeps every message it accepts, parsed (mailparser). It asks for the user
 * and password of its URL, as a relay would, and can be stopped and started
 * again on the same port to play "mail down".
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients. */
  to: string[];
  from: string;
  /** The user that logged in to send it. */
  user: string | undefined;
  subject: string;
  text: string;
  headers: Map<string, unknown>;
}

export interface TestSmtp {
  port: number;
  /** smtp://user:pass@127.0.0.1:port */
  url: string;
  messages: ReceivedMail[];
  running(): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when at least n messages have arrived (throws if they have not after timeoutMs, a guard). */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
}

export const SMTP_USER = 'cqtt';
export const SMTP_PASSWORD = 'mật-khẩu thư';

/** A port of 3400-3499 that nothing listens on now (the range these tests may use). */
export function randomPort(): number {
  return 3400 + Math.floor(Math.random() * 100);
}

/** acceptDelayMs: the server takes this long to accept each message (a slow relay). */
export async function startTestSmtp(options: { acceptDelayMs?: number } = {}): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  /** Who waits for how many messages: told on each arrival, not by polling. */
  const waiters = new Set<{ n: number; resolve(): void }>();
  const arrived = () => {
    for (const w of waiters) if (messages.length >= w.n) w.resolve();
  };
  let server: SMTPServer | null = null;
  let port = 0;

  const create = () =>
    new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
          return callback(null, { user: auth.username });
        return callback(new Error('Sai tên đăng nhập hoặc mật khẩu SMTP'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', async () => {
          try {
            if (options.acceptDelayMs) await new Promise((r) => setTimeout(r, options.acceptDelayMs));
            const parsed = await simpleParser(Buffer.concat(chunks));
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              user: session.user as string | undefined,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              headers: parsed.headers,
            });
            arrived();
            // acknowledged after it is kept: a sender that saw 250 finds it in `messages`
            callback();
          } catch (error) {
            callback(error as Error);
          }
        });
      },
    });

  const listen = (s: SMTPServer, p: number) =>
    new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      s.once('error', onError);
      s.listen(p, '127.0.0.1', () => {
        s.removeListener('error', onError);
        s.on('error', () => {});
        resolve();
      });
    });

  for (let tries = 0; ; tries++) {
    const candidate = randomPort();
    const s = create();
    try {
      await listen(s, candidate);
      server = s;
      port = candidate;
      break;
    } catch (error) {
      if (tries > 50) throw error;
    }
  }

  const smtp: TestSmtp = {
    port,
    url: `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${port}`,
    messages,
    running: () => server !== null,
    async start() {
      if (server) return;
      const s = create();
      // the port was ours a moment ago; retry while the OS lets it go
      for (let tries = 0; ; tries++) {
        try {
          await listen(s, port);
          break;
        } catch (error) {
          if (tries > 50) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      server = s;
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async waitFor(n, timeoutMs = 60_000) {
      if (messages.length >= n) return messages;
      let guard: NodeJS.Timeout | undefined;
      const waiter = { n, resolve: () => {} };
      try {
        await new Promise<void>((resolve, reject) => {
          waiter.resolve = resolve;
          waiters.add(waiter);
          guard = setTimeout(
            () => reject(new Error(`chờ ${n} thư, mới nhận ${messages.length} sau ${timeoutMs} ms`)),
            timeoutMs,
          );
        });
      } finally {
        clearTimeout(guard);
        waiters.delete(waiter);
      }
      return messages;
    },
  };
  return smtp;
}
