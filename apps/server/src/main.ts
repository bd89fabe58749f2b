import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { DEMO_ACCOUNTS, demoAccountsActive, isEmpty, seedDemo } from './demo/seed.ts';
import type { startJobs } from './jobs/index.ts';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const applied = await migrate(database);

let seeded = false;
if (config.seedDemo && (await isEmpty(database.db))) {
  await seedDemo(database.db, config.demoPassword);
  seeded = true;
}
const demoUsers = await demoAccountsActive(database.db);
if (config.production && demoUsers.length > 0 && !config.allowDemo) {
  console.error(
    `Từ chối chạy ở chế độ production: còn ${demoUsers.length} tài khoản demo với mật khẩu mặc định (${demoUsers.join(', ')}).\n` +
      'Hãy khóa hoặc đổi mật khẩu các tài khoản này, hoặc đặt CQTT_ALLOW_DEMO=1 nếu đây là bản trình diễn.',
  );
  await database.close();
  process.exit(1);
}

const app = await buildApp({ config, database });
app.log.info(
  {
    db: database.kind,
    dataDir: database.kind === 'pglite' ? config.dataDir : undefined,
    migrations: applied,
    seeded,
  },
  'database ready',
);

let jobs: ReturnType<typeof startJobs> | null = null;
let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down: finishing requests in flight');
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  // Connections kept alive after their last answer would hold close() open.
  const idle = setInterval(() => app.server.closeIdleConnections(), 100);
  try {
    // a job run in progress finishes too; none starts after this
    await Promise.all([app.close(), jobs?.stop()]);
    clearInterval(idle);
    await database.close();
  } finally {
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
// the port it got (PORT=0 lets the system choose)
const { port } = app.server.address() as { port: number };
const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
if (!config.publicUrlConfigured) {
  // mail links (no request to take an address from) name the port the server really has
  config.publicUrl = `http://localhost:${port}`;
  app.log.warn(
    { mailLinks: config.publicUrl },
    'PUBLIC_URL is not set: QR codes use the address of each request, links in mail use mailLinks',
  );
}
console.log(`${startBanner(url)}\n`);

/** What `npm start` shows a person: where to open it, with what accounts, and where the data is. */
function startBanner(url: string): string {
  const lines = [
    '',
    `  cqtt — Chính quyền thân thiện đang chạy tại ${url}`,
    `  Dữ liệu: ${database.kind === 'pglite' ? `PGlite (nhúng) trong ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}; tệp đính kèm trong ${config.filesDir}`,
    `  Tài liệu API: ${url}/api/docs`,
  ];
  if (!config.publicUrlConfigured)
    lines.push(
      `  Chưa đặt PUBLIC_URL: mã QR lấy địa chỉ mà người dùng mở; đường dẫn trong thư dùng ${config.publicUrl}.`,
    );
  if (config.readOnly)
    lines.push(
      '  Chế độ CHỈ ĐỌC (CQTT_READ_ONLY): mọi thay đổi được trả lời 503; không chạy nhắc việc, gửi thư.',
    );
  if (demoUsers.length > 0) {
    lines.push(
      `  Tài khoản demo (mật khẩu: ${config.demoPassword === 'BinhGiang@2026' ? 'BinhGiang@2026' : 'giá trị CQTT_DEMO_PASSWORD'}):`,
      `    ${DEMO_ACCOUNTS.map((a) => a.username)
        .filter((u) => demoUsers.includes(u))
        .join(', ')}`,
    );
  }
  return lines.join('\n');
}

// Reminders and mail delivery, once the server answers (and loaded only then, so they cost the
// start nothing). CQTT_JOBS=0 leaves them to the other servers; read-only mode writes nothing.
if (config.jobs && !config.readOnly && !closing) {
  const { startJobs } = await import('./jobs/index.ts');
  if (!closing) jobs = startJobs({ config, db: database.db, log: app.log });
}
