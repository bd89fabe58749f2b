import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { DEMO_ACCOUNTS, demoAccountsActive, isEmpty, seedDemo } from './demo/seed.ts';
import { databaseFileStore } from './files/store.ts';
import type { startJobs } from './jobs/index.ts';
import { drainOf } from './ops/drain.ts';
import { serveMetrics } from './ops/metrics.ts';

// Milliseconds since the process started, per step of the start (logged with "database ready"
// and "ready"; `npm run bench` prints them): Node and the modules, the database, the app.
const lap = (() => {
  let last = 0;
  return () => {
    const now = performance.now();
    const ms = Math.round(now - last);
    last = now;
    return ms;
  };
})();
const startup: Record<string, number> = { modulesMs: lap() };

const config = loadConfig();
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  replicaUrl: config.databaseReplicaUrl,
  dataDir: config.dataDir,
});
startup.openMs = lap();
const applied = await migrate(database);
startup.migrateMs = lap();
// a database made by initdb is kept, migrated and empty, for the next new folder (pglite-template.ts)
const origin = database.origin;
if (origin === 'initdb') {
  await database.keepAsTemplate().catch((error: unknown) => console.error('pglite template:', error));
  startup.templateMs = lap();
}

let seeded = false;
if (config.seedDemo && (await isEmpty(database.db))) {
  await seedDemo(database.db, config.demoPassword, { files: databaseFileStore(database.db) });
  seeded = true;
}
startup.seedMs = lap();
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
startup.appMs = lap();
app.log.info(
  {
    db: database.kind,
    dataDir: database.kind === 'pglite' ? config.dataDir : undefined,
    migrations: applied,
    seeded,
    origin,
    startup,
  },
  'database ready',
);

let jobs: ReturnType<typeof startJobs> | null = null;
let metricsServer: Awaited<ReturnType<typeof serveMetrics>> | null = null;
let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  const force = setTimeout(() => process.exit(1), (config.drainSeconds + 15) * 1000);
  force.unref();
  // Behind a load balancer (CQTT_DRAIN_SECONDS): keep serving while the health check fails, so
  // that no new request is sent here once the server stops accepting (ops/drain.ts).
  drainOf(app)?.start();
  if (config.drainSeconds > 0) {
    app.log.info({ signal, seconds: config.drainSeconds }, 'draining: health check fails, still serving');
    await new Promise((r) => setTimeout(r, config.drainSeconds * 1000));
  }
  app.log.info({ signal }, 'shutting down: finishing requests in flight');
  // Connections kept alive after their last answer would hold close() open.
  const idle = setInterval(() => app.server.closeIdleConnections(), 100);
  try {
    // a job run in progress finishes too; none starts after this
    metricsServer?.close();
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
if (config.metricsPort !== undefined) {
  metricsServer = await serveMetrics(app.metrics, config.metricsHost, config.metricsPort);
}
startup.listenMs = lap();
app.log.info({ origin, startup, totalMs: Math.round(performance.now()) }, 'ready');
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
    `  Dữ liệu: ${database.kind === 'pglite' ? `PGlite (nhúng) trong ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'} (tệp đính kèm cũng nằm trong cơ sở dữ liệu)`,
    `  Tài liệu API: ${url}/api/docs`,
  ];
  if (metricsServer)
    lines.push(`  Số liệu Prometheus: http://${config.metricsHost}:${config.metricsPort}/metrics`);
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
      // the commune's and city's accounts in their order, then those the capabilities' demos add
      // (the other communes, Hà Nội, the ministry's national account bnv.quocgia)
      `    ${[
        ...DEMO_ACCOUNTS.map((a) => a.username).filter((u) => demoUsers.includes(u)),
        ...demoUsers.filter((u) => !DEMO_ACCOUNTS.some((a) => a.username === u)).sort(),
      ].join(', ')}`,
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
