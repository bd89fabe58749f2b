import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text. */
  text: string;
}

/** Where the outbox hands its mail: SMTP in production, anything in tests. */
export interface MailTransport {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * Time limits of one delivery. The defaults of nodemailer (2 minutes to
 * connect, 10 minutes of silence) would let one unreachable server hold the
 * delivery job for long; these keep a failed attempt short, and well inside
 * the claim that keeps other servers off the row (mail/worker.ts).
 */
const TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
  dnsTimeout: 10_000,
};

/**
 * SMTP from a URL: smtp://user:pass@host:port (STARTTLS when the server offers
 * it), smtps://… for TLS from the start. Options in the query string are
 * nodemailer's (e.g. ?tls.rejectUnauthorized=false for a test relay).
 */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ ...TIMEOUTS, url: smtpUrl } as never, { from });
  return {
    async send(message) {
      await transporter.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        textEncoding: 'quoted-printable',
      });
    },
    close: () => transporter.close(),
  };
}

/** The SMTP URL without its password, for logs. */
export function describeSmtpUrl(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(SMTP_URL không hợp lệ)';
  }
}
