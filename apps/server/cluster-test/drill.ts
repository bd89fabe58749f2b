/**
 * The fault drill behind docs/operations.md's table "what is lost, and for how long": on a
 * cluster started by scripts/cluster.sh up, under the writes of 20 kiosks and 5 citizens, each
 * fault in turn (a node, the primary, the standby, HAProxy, a member's disk, a planned
 * switchover), measured from the devices' side, then repaired before the next.
 *
 *   CLUSTER_DIR=/tmp/cqtt-cluster node --import tsx apps/server/cluster-test/drill.ts
 *
 * (Start the cluster with CQTT_FEEDBACK_RATE_LIMIT=100000/60 so that the citizens are not
 * rate-limited.) Prints one line per fault and a Markdown table.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Cluster } from './cluster.ts';
import { Load } from './load.ts';

const dir = process.env.CLUSTER_DIR || '/tmp/cqtt-cluster';
const cluster = new Cluster(dir);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Row {
  fault: string;
  failed: number;
  failedSeconds: number;
  gapSeconds: number;
  repaired: string;
  statuses: string;
}

const rows: Row[] = [];

/** DRILL_FAULTS=node,primary,standby,haproxy,disk,switchover (default: all, in that order). */
const only = process.env.DRILL_FAULTS?.split(',').map((f) => f.trim());

/** Runs the load, applies a fault 5 s in, keeps the load 25 s after it, then repairs. */
async function drill(key: string, fault: string, act: () => Promise<void>, repair: () => Promise<string>) {
  if (only && !only.includes(key)) return;
  const load = new Load(cluster.url, {
    kiosks: 20,
    citizens: 5,
    communeCode: 'HP-BINHGIANG',
    categoryCode: 'ha-tang',
  });
  load.start();
  await sleep(5000);
  const at = load.now();
  await act();
  await sleep(25_000);
  await load.stop();
  const end = load.now();
  const outage = load.outage(at, end);
  const statuses = new Map<string, number>();
  for (const a of load.failures(at - 1000, end)) {
    const k = `${a.status}${a.code ? ` ${a.code}` : ''}`;
    statuses.set(k, (statuses.get(k) ?? 0) + 1);
  }
  const repaired = await repair();
  const row: Row = {
    fault,
    failed: outage.failed,
    failedSeconds: outage.seconds,
    gapSeconds: load.longestGap(at - 1000, end),
    repaired,
    statuses: [...statuses].map(([k, n]) => `${n}× ${k}`).join(', ') || '—',
  };
  rows.push(row);
  console.log(JSON.stringify(row));
}

async function roleOf(role: string) {
  const status = await cluster.status();
  const m = status.members.find((x) => x.role === role);
  if (!m) throw new Error(`no ${role}`);
  return m.member;
}

async function timed(run: () => Promise<unknown>) {
  const started = Date.now();
  await run();
  return `${((Date.now() - started) / 1000).toFixed(0)} s`;
}

async function main() {
  await cluster.waitForRoles(['leader', 'sync_standby']);

  await drill(
    'node',
    'a cqtt node killed (SIGKILL)',
    async () => void (await cluster.act(['kill-node', '1'])),
    () => timed(() => cluster.act(['start-node', '1'])),
  );

  let primary = '';
  await drill(
    'primary',
    'the PostgreSQL primary killed (SIGKILL of Patroni and PostgreSQL)',
    async () => {
      primary = String((await cluster.act(['kill-primary'])).killed);
    },
    () =>
      timed(async () => {
        await cluster.act(['start-member', primary]);
        await cluster.waitForRoles(['leader', 'sync_standby']);
      }),
  );

  let standby = '';
  await drill(
    'standby',
    'the synchronous standby killed',
    async () => {
      standby = await roleOf('sync_standby');
      await cluster.act(['kill-member', standby]);
    },
    () =>
      timed(async () => {
        await cluster.act(['start-member', standby]);
        await cluster.waitForRoles(['leader', 'sync_standby']);
      }),
  );

  await drill(
    'haproxy',
    'HAProxy killed, started again 1 s later (as systemd would)',
    async () => {
      await cluster.act(['kill-haproxy']);
      await sleep(1000);
      await cluster.act(['start-haproxy']);
    },
    async () => 'restarted in the fault',
  );

  let lost = '';
  await drill(
    'disk',
    "the standby's disk lost (member killed, data folder deleted)",
    async () => {
      lost = await roleOf('sync_standby');
      await cluster.act(['kill-member', lost]);
      rmSync(join(dir, lost, 'data'), { recursive: true, force: true });
    },
    () =>
      timed(async () => {
        // Patroni clones the primary again (pg_basebackup) into the empty folder
        await cluster.act(['start-member', lost]);
        await cluster.waitForRoles(['leader', 'sync_standby'], 600_000);
      }),
  );

  await drill(
    'switchover',
    'planned switchover (patronictl switchover)',
    async () => {
      await cluster.run(['switchover']);
    },
    () =>
      timed(async () => {
        await cluster.waitForRoles(['leader', 'sync_standby']);
      }),
  );

  console.log(
    '\n| fault | writes failed | for | longest time without an acknowledged write | answers | repaired in |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows)
    console.log(
      `| ${r.fault} | ${r.failed} | ${r.failedSeconds.toFixed(1)} s | ${r.gapSeconds.toFixed(1)} s | ${r.statuses} | ${r.repaired} |`,
    );
}

await main();
