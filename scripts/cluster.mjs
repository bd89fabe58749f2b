#!/usr/bin/env node
// A whole cqtt cluster on one machine, from Debian's packages, for trial and for the tests
// (docs/operations.md, "Several machines"; decision 0021). Run through scripts/cluster.sh:
//
//   up                 etcd, PostgreSQL under Patroni (a primary and a synchronous standby),
//                      HAProxy, two cqtt nodes; prints the address where HAProxy serves cqtt
//   status             the roles of the members and the nodes, as JSON
//   down               stops everything and removes CLUSTER_DIR
//   kill-primary       SIGKILL of the current primary (its Patroni and every PostgreSQL process)
//   kill-member N      the same for PostgreSQL member N, whatever its role
//   start-member N     starts member N's Patroni again (a former primary comes back as a standby)
//   kill-node N        SIGKILL of cqtt node N
//   start-node N       starts cqtt node N again
//   restart-node N     SIGTERM (the node drains), then starts it again and waits until it serves
//   switchover         planned switchover of the primary to the synchronous standby (patronictl)
//   kill-haproxy, start-haproxy
//   env                the cluster's addresses as shell variables (DATABASE_URL, CQTT_URL…)
//
// Every address is on 127.0.0.1 and every port is chosen free at `up` (several runs may share the
// machine). State, data and logs live in CLUSTER_DIR (default /tmp/cqtt-cluster). PostgreSQL and
// Patroni run as the user postgres; the rest as the caller. Settings (environment, read at `up`):
// CLUSTER_PG_MEMBERS (2), CLUSTER_NODES (2), CLUSTER_TTL (10), CLUSTER_LOOP_WAIT (2),
// CLUSTER_RETRY_TIMEOUT (4), CLUSTER_DRAIN_SECONDS (2); the nodes also receive every CQTT_*,
// SMTP_URL, MAIL_FROM, PUBLIC_URL, NODE_ENV and LOG_LEVEL variable set at `up`.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = process.env.CLUSTER_DIR || '/tmp/cqtt-cluster';
const STATE = join(DIR, 'state.json');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const int = (value, fallback) => (/^\d+$/.test(value ?? '') ? Number(value) : fallback);

function die(message) {
  console.error(`cluster: ${message}`);
  process.exit(1);
}

function pgBin() {
  const dirs = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((v) => /^\d+$/.test(v) && existsSync(`/usr/lib/postgresql/${v}/bin/postgres`))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  if (dirs.length === 0) die('PostgreSQL is not installed (apt-get install postgresql)');
  return `/usr/lib/postgresql/${dirs.at(-1)}/bin`;
}

function which(command) {
  try {
    return execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** Ports that were free a moment ago, all different (held open together while chosen). */
async function freePorts(count) {
  const servers = [];
  const ports = [];
  for (let i = 0; i < count; i++) {
    const server = createServer();
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    servers.push(server);
    ports.push(server.address().port);
  }
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

const secret = () => randomBytes(18).toString('hex');

function readState() {
  if (!existsSync(STATE)) die(`no cluster in ${DIR} (scripts/cluster.sh up)`);
  return JSON.parse(readFileSync(STATE, 'utf8'));
}

function writeState(state) {
  writeFileSync(STATE, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

function alive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // a zombie (killed, not yet reaped) is not alive
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(what, check, timeoutMs = 60_000, everyMs = 200) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    let result;
    try {
      result = await check();
    } catch {
      result = false;
    }
    if (result) return result;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

async function waitExit(pid, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < until) await sleep(100);
  return !alive(pid);
}

async function http(url, { method = 'GET', timeoutMs = 2000 } = {}) {
  const res = await fetch(url, { method, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let body = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body };
}

/** A detached daemon writing to its own log; returns its pid. */
function daemon(name, command, args, { env = {}, cwd = DIR, asPostgres = false } = {}) {
  const log = openSync(join(DIR, 'log', `${name}.log`), 'a');
  const [cmd, argv] = asPostgres
    ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args]]
    : [command, args];
  const child = spawn(cmd, argv, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', log, log],
  });
  child.unref();
  return child.pid;
}

/** Every process whose parent is pid (read from /proc). */
function childrenOf(pid) {
  const out = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {}
  }
  return out;
}

function postmasterPid(member) {
  try {
    const pid = Number(readFileSync(join(member.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    return alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- configuration files

function patroniConfig(state, member) {
  const { settings, secrets } = state;
  return {
    scope: 'cqtt',
    namespace: '/cqtt/',
    name: member.name,
    restapi: { listen: `127.0.0.1:${member.api}`, connect_address: `127.0.0.1:${member.api}` },
    etcd3: { hosts: [`127.0.0.1:${state.etcd.client}`] },
    bootstrap: {
      dcs: {
        ttl: settings.ttl,
        loop_wait: settings.loopWait,
        retry_timeout: settings.retryTimeout,
        maximum_lag_on_failover: 1048576,
        // a commit is acknowledged once the synchronous standby has it on disk, and only the
        // synchronous standby may be promoted: an acknowledged write survives the primary
        synchronous_mode: true,
        // with the standby gone, the primary goes on alone rather than stopping every write
        synchronous_mode_strict: false,
        postgresql: {
          use_pg_rewind: true,
          use_slots: true,
          parameters: {
            max_connections: 200,
            wal_log_hints: 'on',
            wal_keep_size: '256MB',
            max_wal_senders: 10,
            max_replication_slots: 10,
            hot_standby: 'on',
            synchronous_commit: 'on',
            password_encryption: 'scram-sha-256',
          },
        },
      },
      initdb: [{ encoding: 'UTF8' }, { locale: 'C.UTF-8' }, 'data-checksums'],
    },
    postgresql: {
      listen: `127.0.0.1:${member.port}`,
      connect_address: `127.0.0.1:${member.port}`,
      data_dir: join(member.dir, 'data'),
      bin_dir: state.pgBin,
      // a member cloned again (its disk lost) asks the primary for an immediate checkpoint,
      // not a spread one that takes up to checkpoint_timeout (5 min)
      basebackup: [{ checkpoint: 'fast' }],
      pgpass: join(member.dir, 'pgpass'),
      authentication: {
        superuser: { username: 'postgres', password: secrets.postgres },
        replication: { username: 'replicator', password: secrets.replicator },
        rewind: { username: 'rewinder', password: secrets.rewinder },
      },
      pg_hba: [
        'local all all peer',
        'host replication replicator 127.0.0.1/32 scram-sha-256',
        'host all all 127.0.0.1/32 scram-sha-256',
      ],
      parameters: { unix_socket_directories: member.dir },
    },
    tags: { nofailover: false, noloadbalance: false, clonefrom: false, nosync: false },
  };
}

/** HAProxy's own answer when no node can take a request: the same Vietnamese notice as the nodes'. */
function errorFile(status) {
  const body = JSON.stringify({
    error: {
      code: 'reconnecting',
      message:
        'Hệ thống đang kết nối lại, vui lòng thử lại sau ít giây. Thông tin vừa gửi chưa được lưu; thiết bị sẽ tự gửi lại.',
    },
  });
  return [
    `HTTP/1.1 503 Service Unavailable`,
    'content-type: application/json; charset=utf-8',
    'cache-control: no-store',
    'retry-after: 5',
    `x-cqtt-proxy: ${status}`,
    'connection: close',
    `content-length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

function haproxyConfig(state) {
  const h = state.haproxy;
  const nodes = state.nodes;
  const members = state.members;
  const errors = [502, 503, 504]
    .map((s) => `  errorfile ${s} ${join(DIR, 'haproxy', `${s}.http`)}`)
    .join('\n');
  return `# written by scripts/cluster.sh up
global
  maxconn 4000
  stats socket ${join(DIR, 'run', 'haproxy.sock')} mode 600 level admin
  log stdout format raw local0 notice

defaults
  log global
  timeout connect 2s
  timeout client 2m
  timeout server 2m
  timeout check 2s
  timeout queue 5s

# cqtt: the nodes, checked on /api/health (a draining node answers 503 there and is taken out)
frontend cqtt
  mode http
  bind 127.0.0.1:${h.http}
  option forwardfor
  default_backend cqtt_nodes
${errors}

backend cqtt_nodes
  mode http
  balance leastconn
  option httpchk GET /api/health
  http-check expect status 200
  default-server inter 500ms fastinter 250ms downinter 1s fall 2 rise 2
  # a request that never reached a node (refused connection) goes to another one; a request
  # that got no answer (node killed) is sent again only when replaying it is harmless: reads,
  # and ratings, which carry their clientId
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout 503
  acl replay_safe method GET HEAD OPTIONS
  acl replay_safe path /api/public/ratings
  http-request disable-l7-retry unless replay_safe
  # when every node fails its check because the database is away, the nodes still answer
  # (a Vietnamese 503 "đang kết nối lại", or the page once the database is back)
  option allbackups
${nodes.map((n) => `  server node${n.n} 127.0.0.1:${n.port} check`).join('\n')}
${nodes.map((n) => `  server node${n.n}-open 127.0.0.1:${n.port} backup`).join('\n')}

# PostgreSQL: the current primary, found by Patroni's REST check
frontend pg_primary
  mode tcp
  bind 127.0.0.1:${h.pgPrimary}
  timeout client 30m
  default_backend pg_primary

backend pg_primary
  mode tcp
  timeout server 30m
  option httpchk OPTIONS /primary
  http-check expect status 200
  default-server inter 500ms fastinter 250ms downinter 500ms fall 2 rise 1 on-marked-down shutdown-sessions
${members.map((m) => `  server ${m.name} 127.0.0.1:${m.port} check port ${m.api}`).join('\n')}

# PostgreSQL for reads that may lag a little (DATABASE_REPLICA_URL): a streaming standby less
# than 16 MB behind, or the primary when there is none
frontend pg_replica
  mode tcp
  bind 127.0.0.1:${h.pgReplica}
  timeout client 30m
  use_backend pg_standbys if { nbsrv(pg_standbys) gt 0 }
  default_backend pg_primary

backend pg_standbys
  mode tcp
  timeout server 30m
  option httpchk OPTIONS /replica?lag=16MB
  http-check expect status 200
  default-server inter 1s fall 2 rise 2 on-marked-down shutdown-sessions
${members.map((m) => `  server ${m.name} 127.0.0.1:${m.port} check port ${m.api}`).join('\n')}

listen stats
  mode http
  bind 127.0.0.1:${h.stats}
  stats enable
  stats uri /
  stats refresh 2s
`;
}

// ---------------------------------------------------------------- pieces

function startEtcd(state) {
  const e = state.etcd;
  state.etcd.pid = daemon('etcd', 'etcd', [
    '--name',
    'etcd1',
    '--data-dir',
    join(DIR, 'etcd'),
    '--listen-client-urls',
    `http://127.0.0.1:${e.client}`,
    '--advertise-client-urls',
    `http://127.0.0.1:${e.client}`,
    '--listen-peer-urls',
    `http://127.0.0.1:${e.peer}`,
    '--initial-advertise-peer-urls',
    `http://127.0.0.1:${e.peer}`,
    '--initial-cluster',
    `etcd1=http://127.0.0.1:${e.peer}`,
    '--initial-cluster-state',
    'new',
    '--log-level',
    'warn',
  ]);
}

function startMember(state, member) {
  member.pid = daemon(member.name, 'patroni', [join(member.dir, 'patroni.yml')], {
    asPostgres: true,
    cwd: member.dir,
    env: { HOME: member.dir, PATH: `${state.pgBin}:/usr/bin:/bin` },
  });
}

function startHaproxy(state) {
  state.haproxy.pid = daemon('haproxy', 'haproxy', ['-db', '-f', join(DIR, 'haproxy', 'haproxy.cfg')]);
}

function nodeEnv(state, node) {
  return {
    ...state.nodeEnv,
    DATABASE_URL: state.databaseUrl,
    DATABASE_REPLICA_URL: state.replicaUrl,
    PORT: String(node.port),
    HOST: '127.0.0.1',
    DATA_DIR: join(DIR, `node${node.n}`),
    TRUST_PROXY: '1',
    CQTT_DRAIN_SECONDS: String(state.settings.drainSeconds),
    CQTT_NODE_NAME: `node${node.n}`,
  };
}

function startNode(state, node) {
  node.pid = daemon(
    `node${node.n}`,
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'apps/server/src/main.ts')],
    { cwd: ROOT, env: nodeEnv(state, node) },
  );
}

async function memberInfo(member) {
  return (await http(`http://127.0.0.1:${member.api}/patroni`, { timeoutMs: 1000 })).body;
}

/** The members as Patroni sees them (asked of any member that answers). */
async function clusterView(state) {
  for (const m of state.members) {
    try {
      const { status, body } = await http(`http://127.0.0.1:${m.api}/cluster`, { timeoutMs: 1000 });
      if (status === 200 && Array.isArray(body.members)) return body.members;
    } catch {}
  }
  return [];
}

async function leaderOf(state) {
  const view = await clusterView(state);
  const leader = view.find((m) => m.role === 'leader');
  return leader ? state.members.find((m) => m.name === leader.name) : undefined;
}

function psql(state, sql, database = 'postgres') {
  return execFileSync(
    join(state.pgBin, 'psql'),
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(state.haproxy.pgPrimary),
      '-U',
      'postgres',
      '-d',
      database,
      '-v',
      'ON_ERROR_STOP=1',
      '-qAt',
      '-c',
      sql,
    ],
    {
      env: { ...process.env, PGPASSWORD: state.secrets.postgres },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

function cqtt(state, args) {
  execFileSync(process.execPath, [join(ROOT, 'apps/server/bin/cqtt.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...state.nodeEnv, DATABASE_URL: state.databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function nodeHealthy(node) {
  if (!alive(node.pid)) return false;
  const { status } = await http(`http://127.0.0.1:${node.port}/api/health`, { timeoutMs: 2000 });
  return status === 200;
}

async function killMember(member) {
  // Patroni first, so that it cannot start PostgreSQL again; then the postmaster and all its
  // processes at once, as if the machine had lost power
  const pm = postmasterPid(member);
  const pids = [member.pid, ...(pm ? [pm, ...childrenOf(pm)] : [])].filter((p) => alive(p));
  for (const pid of pids) signal(pid, 'SIGKILL');
  for (const pid of pids) await waitExit(pid, 5000);
  return pids;
}

// ---------------------------------------------------------------- commands

async function up() {
  for (const command of ['patroni', 'etcd', 'haproxy', 'setpriv'])
    if (!which(command)) die(`${command} is not installed (see docs/operations.md, "Several machines")`);
  if (existsSync(STATE)) {
    const old = JSON.parse(readFileSync(STATE, 'utf8'));
    const running = [
      old.etcd?.pid,
      old.haproxy?.pid,
      ...old.members.map((m) => m.pid),
      ...old.nodes.map((n) => n.pid),
    ];
    if (running.some(alive)) die(`a cluster is running in ${DIR}: scripts/cluster.sh down first`);
    rmSync(DIR, { recursive: true, force: true });
  }
  const memberCount = Math.max(2, int(process.env.CLUSTER_PG_MEMBERS, 2));
  const nodeCount = Math.max(2, int(process.env.CLUSTER_NODES, 2));
  const ports = await freePorts(2 + memberCount * 2 + 4 + nodeCount);
  const next = () => ports.shift();
  mkdirSync(join(DIR, 'log'), { recursive: true });
  // the user postgres goes through it to its members' folders (mkdtemp makes it 0700)
  chmodSync(DIR, 0o755);
  mkdirSync(join(DIR, 'run'), { recursive: true });
  mkdirSync(join(DIR, 'haproxy'), { recursive: true });
  const pgUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const pgGid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  const state = {
    dir: DIR,
    startedAt: new Date().toISOString(),
    pgBin: pgBin(),
    settings: {
      ttl: int(process.env.CLUSTER_TTL, 10),
      loopWait: int(process.env.CLUSTER_LOOP_WAIT, 2),
      retryTimeout: int(process.env.CLUSTER_RETRY_TIMEOUT, 4),
      drainSeconds: int(process.env.CLUSTER_DRAIN_SECONDS, 2),
    },
    secrets: { postgres: secret(), replicator: secret(), rewinder: secret(), cqtt: secret() },
    etcd: { client: next(), peer: next(), pid: 0 },
    members: Array.from({ length: memberCount }, (_, i) => ({
      name: `pg${i + 1}`,
      n: i + 1,
      port: next(),
      api: next(),
      dir: join(DIR, `pg${i + 1}`),
      pid: 0,
    })),
    haproxy: { http: next(), pgPrimary: next(), pgReplica: next(), stats: next(), pid: 0 },
    nodes: Array.from({ length: nodeCount }, (_, i) => ({ n: i + 1, port: next(), pid: 0 })),
    nodeEnv: Object.fromEntries(
      Object.entries(process.env).filter(([k]) =>
        /^(CQTT_.*|SMTP_URL|MAIL_FROM|PUBLIC_URL|NODE_ENV|LOG_LEVEL)$/.test(k),
      ),
    ),
  };
  const auth = `cqtt:${state.secrets.cqtt}@127.0.0.1`;
  state.databaseUrl = `postgres://${auth}:${state.haproxy.pgPrimary}/cqtt`;
  state.replicaUrl = `postgres://${auth}:${state.haproxy.pgReplica}/cqtt`;
  state.url = `http://127.0.0.1:${state.haproxy.http}`;
  writeState(state);

  // etcd, the consensus store Patroni keeps the leader key in
  startEtcd(state);
  writeState(state);
  await waitFor(
    'etcd',
    async () => (await http(`http://127.0.0.1:${state.etcd.client}/health`)).body?.health === 'true',
  );

  // PostgreSQL under Patroni: the first member bootstraps (initdb), the others clone it
  for (const m of state.members) {
    mkdirSync(m.dir, { recursive: true, mode: 0o700 });
    chownSync(m.dir, pgUid, pgGid);
    writeFileSync(join(m.dir, 'patroni.yml'), JSON.stringify(patroniConfig(state, m), null, 2), {
      mode: 0o600,
    });
    chownSync(join(m.dir, 'patroni.yml'), pgUid, pgGid);
  }
  startMember(state, state.members[0]);
  writeState(state);
  await waitFor(
    'the first PostgreSQL member to become primary',
    async () => (await http(`http://127.0.0.1:${state.members[0].api}/primary`)).status === 200,
    120_000,
    500,
  );
  for (const m of state.members.slice(1)) startMember(state, m);
  writeState(state);

  // HAProxy: cqtt's address, and the addresses of the primary and of the standbys
  for (const s of [502, 503, 504]) writeFileSync(join(DIR, 'haproxy', `${s}.http`), errorFile(s));
  writeFileSync(join(DIR, 'haproxy', 'haproxy.cfg'), haproxyConfig(state));
  execFileSync('haproxy', ['-c', '-q', '-f', join(DIR, 'haproxy', 'haproxy.cfg')], { stdio: 'inherit' });
  startHaproxy(state);
  writeState(state);

  // cqtt's role and database, its schema and (outside production) the demo data, once
  await waitFor(
    'the primary through HAProxy',
    async () => psql(state, 'select 1').trim() === '1',
    60_000,
    500,
  );
  // Patroni may still restart the new primary once after answering: a CI run lost the connection
  // between "select 1" and "create role". Each step is idempotent and retried until it holds.
  await waitFor(
    "cqtt's role and database on the primary",
    async () => {
      psql(
        state,
        `do $$ begin if not exists (select from pg_roles where rolname = 'cqtt') then ` +
          `create role cqtt login password '${state.secrets.cqtt}'; end if; end $$`,
      );
      if (psql(state, "select 1 from pg_database where datname = 'cqtt'").trim() !== '1')
        psql(state, 'create database cqtt owner cqtt');
      return true;
    },
    60_000,
    500,
  );
  cqtt(state, ['migrate']);
  const production = state.nodeEnv.NODE_ENV === 'production';
  const seed = state.nodeEnv.CQTT_SEED_DEMO ? state.nodeEnv.CQTT_SEED_DEMO === '1' : !production;
  if (seed) cqtt(state, ['seed-demo']);

  await waitFor(
    'a synchronous standby',
    async () => (await clusterView(state)).some((m) => m.role === 'sync_standby'),
    120_000,
    500,
  );

  for (const node of state.nodes) startNode(state, node);
  writeState(state);
  for (const node of state.nodes) await waitFor(`cqtt node ${node.n}`, () => nodeHealthy(node), 120_000, 300);
  await waitFor(
    'HAProxy to see the nodes',
    async () => (await http(`${state.url}/api/health`)).status === 200,
    30_000,
    300,
  );
  console.log(`cqtt qua HAProxy: ${state.url}`);
  console.log(`(trạng thái: scripts/cluster.sh status; dừng: scripts/cluster.sh down; thư mục: ${DIR})`);
}

async function status() {
  const state = readState();
  const view = await clusterView(state);
  const members = [];
  for (const m of state.members) {
    const seen = view.find((v) => v.name === m.name);
    let timeline = seen?.timeline ?? null;
    if (!seen && alive(m.pid)) {
      try {
        timeline = (await memberInfo(m)).timeline ?? null;
      } catch {}
    }
    members.push({
      member: m.name,
      role: seen ? seen.role : 'down',
      state: seen?.state ?? (alive(m.pid) ? 'starting' : 'stopped'),
      host: `127.0.0.1:${m.port}`,
      timeline,
      lag: seen?.lag ?? null,
      patroniPid: alive(m.pid) ? m.pid : null,
      postgresPid: postmasterPid(m),
    });
  }
  const nodes = [];
  for (const n of state.nodes) {
    let health = null;
    if (alive(n.pid)) {
      try {
        health = (await http(`http://127.0.0.1:${n.port}/api/health`)).body;
      } catch {}
    }
    nodes.push({
      node: `node${n.n}`,
      url: `http://127.0.0.1:${n.port}`,
      pid: alive(n.pid) ? n.pid : null,
      health,
    });
  }
  console.log(
    JSON.stringify(
      {
        url: state.url,
        haproxy: {
          pid: alive(state.haproxy.pid) ? state.haproxy.pid : null,
          stats: `http://127.0.0.1:${state.haproxy.stats}/`,
        },
        etcd: {
          pid: alive(state.etcd.pid) ? state.etcd.pid : null,
          client: `http://127.0.0.1:${state.etcd.client}`,
        },
        members,
        nodes,
      },
      null,
      2,
    ),
  );
}

async function down() {
  if (!existsSync(STATE)) {
    console.log(`không có cụm nào trong ${DIR}`);
    return;
  }
  const state = readState();
  const stop = async (pids, timeoutMs) => {
    for (const pid of pids) if (alive(pid)) signal(pid, 'SIGTERM');
    for (const pid of pids) if (!(await waitExit(pid, timeoutMs))) signal(pid, 'SIGKILL');
  };
  await stop(
    state.nodes.map((n) => n.pid),
    20_000,
  );
  await stop([state.haproxy.pid], 5000);
  // Patroni stops its PostgreSQL on SIGTERM; anything left is stopped by its own pid
  await stop(
    state.members.map((m) => m.pid),
    30_000,
  );
  for (const m of state.members) {
    const pm = postmasterPid(m);
    if (pm) await stop([pm], 10_000);
    if (pm && alive(pm)) for (const pid of childrenOf(pm)) signal(pid, 'SIGKILL');
  }
  await stop([state.etcd.pid], 5000);
  rmSync(DIR, { recursive: true, force: true });
  console.log(`đã dừng cụm và xoá ${DIR}`);
}

function memberArg(state, arg) {
  const m = state.members.find((x) => String(x.n) === arg || x.name === arg);
  if (!m) die(`no member ${arg} (1..${state.members.length})`);
  return m;
}

function nodeArg(state, arg) {
  const n = state.nodes.find((x) => String(x.n) === String(arg).replace(/^node/, ''));
  if (!n) die(`no node ${arg} (1..${state.nodes.length})`);
  return n;
}

async function main() {
  const [command, arg] = process.argv.slice(2);
  switch (command) {
    case 'up':
      return up();
    case 'status':
      return status();
    case 'down':
      return down();
    case 'kill-primary':
    case 'kill-member': {
      const state = readState();
      const member = command === 'kill-primary' ? await leaderOf(state) : memberArg(state, arg);
      if (!member) die('no primary right now');
      const pids = await killMember(member);
      console.log(JSON.stringify({ killed: member.name, pids, at: new Date().toISOString() }));
      return;
    }
    case 'start-member': {
      const state = readState();
      const member = memberArg(state, arg);
      if (alive(member.pid)) die(`${member.name} is running`);
      startMember(state, member);
      writeState(state);
      console.log(JSON.stringify({ started: member.name, pid: member.pid }));
      return;
    }
    case 'kill-node': {
      const state = readState();
      const node = nodeArg(state, arg);
      const was = alive(node.pid);
      signal(node.pid, 'SIGKILL');
      await waitExit(node.pid, 5000);
      console.log(
        JSON.stringify({ killed: `node${node.n}`, pid: was ? node.pid : null, at: new Date().toISOString() }),
      );
      return;
    }
    case 'start-node':
    case 'restart-node': {
      const state = readState();
      const node = nodeArg(state, arg);
      const started = Date.now();
      if (command === 'restart-node' && alive(node.pid)) {
        // the node drains: its health check fails, HAProxy stops sending, requests in flight finish
        signal(node.pid, 'SIGTERM');
        if (!(await waitExit(node.pid, 30_000))) die(`node${node.n} did not stop within 30 s`);
      } else if (alive(node.pid)) die(`node${node.n} is running`);
      const stopped = Date.now();
      startNode(state, node);
      writeState(state);
      await waitFor(`node${node.n}`, () => nodeHealthy(node), 120_000, 200);
      console.log(
        JSON.stringify({
          node: `node${node.n}`,
          pid: node.pid,
          stopSeconds: (stopped - started) / 1000,
          startSeconds: (Date.now() - stopped) / 1000,
        }),
      );
      return;
    }
    case 'switchover': {
      const state = readState();
      // a standby that has just come back may take a few seconds to be synchronous again
      const view = await waitFor(
        'a primary and a synchronous standby',
        async () => {
          const members = await clusterView(state);
          return members.some((m) => m.role === 'leader') && members.some((m) => m.role === 'sync_standby')
            ? members
            : false;
        },
        60_000,
        500,
      ).catch(() => die('a switchover needs a primary and a synchronous standby'));
      const leader = view.find((m) => m.role === 'leader');
      const candidate = view.find((m) => m.role === 'sync_standby');
      execFileSync(
        'patronictl',
        [
          '-c',
          join(state.members[0].dir, 'patroni.yml'),
          'switchover',
          '--primary',
          leader.name,
          '--candidate',
          candidate.name,
          '--force',
        ],
        { stdio: ['ignore', 'inherit', 'inherit'] },
      );
      return;
    }
    case 'kill-haproxy': {
      const state = readState();
      signal(state.haproxy.pid, 'SIGKILL');
      await waitExit(state.haproxy.pid, 5000);
      console.log(JSON.stringify({ killed: 'haproxy', at: new Date().toISOString() }));
      return;
    }
    case 'start-haproxy': {
      const state = readState();
      if (alive(state.haproxy.pid)) die('haproxy is running');
      startHaproxy(state);
      writeState(state);
      await waitFor(
        'HAProxy',
        async () => (await http(`${state.url}/api/health`)).status === 200,
        30_000,
        100,
      );
      console.log(JSON.stringify({ started: 'haproxy', pid: state.haproxy.pid }));
      return;
    }
    case 'env': {
      const state = readState();
      console.log(`CQTT_URL=${state.url}`);
      console.log(`DATABASE_URL=${state.databaseUrl}`);
      console.log(`DATABASE_REPLICA_URL=${state.replicaUrl}`);
      console.log(
        `PG_SUPERUSER_URL=postgres://postgres:${state.secrets.postgres}@127.0.0.1:${state.haproxy.pgPrimary}/cqtt`,
      );
      return;
    }
    default:
      console.log(
        readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('\n')
          .slice(1, 21)
          .join('\n')
          .replace(/^\/\/ ?/gm, ''),
      );
      if (command && command !== 'help' && command !== '--help') process.exit(2);
  }
}

main().catch((error) => {
  console.error(`cluster: ${error.message}`);
  process.exit(1);
});
