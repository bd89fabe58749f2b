/**
 * The cluster of scripts/cluster.sh, driven from the tests: its commands, its addresses, and a
 * connection to its current primary (through HAProxy, as the nodes reach it).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SCRIPT = join(ROOT, 'scripts/cluster.sh');

export interface MemberStatus {
  member: string;
  role: 'leader' | 'sync_standby' | 'replica' | 'down' | string;
  state: string;
  timeline: number | null;
}

export interface ClusterStatus {
  url: string;
  members: MemberStatus[];
  nodes: { node: string; url: string; pid: number | null; health: unknown }[];
}

export class Cluster {
  constructor(
    readonly dir: string,
    private readonly env: Record<string, string> = {},
  ) {}

  /** Runs scripts/cluster.sh COMMAND…; resolves with its stdout. */
  run(args: string[], timeoutMs = 600_000): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        SCRIPT,
        args,
        {
          cwd: ROOT,
          env: { ...process.env, ...this.env, CLUSTER_DIR: this.dir },
          timeout: timeoutMs,
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          if (error)
            reject(new Error(`cluster.sh ${args.join(' ')}: ${error.message}\n${stdout}\n${stderr}`));
          else resolve(stdout);
        },
      );
    });
  }

  /** The last line of a command's output, which the commands that act print as JSON. */
  async act(args: string[]): Promise<Record<string, unknown>> {
    const out = (await this.run(args)).trim().split('\n');
    return JSON.parse(out[out.length - 1]!);
  }

  async status(): Promise<ClusterStatus> {
    return JSON.parse(await this.run(['status']));
  }

  private state() {
    return JSON.parse(readFileSync(join(this.dir, 'state.json'), 'utf8'));
  }

  get url(): string {
    return this.state().url;
  }

  /** The cqtt database on the current primary, through HAProxy. */
  get databaseUrl(): string {
    return this.state().databaseUrl;
  }

  /** A log file of the cluster (etcd, pg1, haproxy, node1…), for a failure's message. */
  log(name: string): string {
    try {
      return readFileSync(join(this.dir, 'log', `${name}.log`), 'utf8');
    } catch {
      return '';
    }
  }

  /** Waits until the members have these roles (in any order), e.g. ['leader', 'sync_standby']. */
  async waitForRoles(roles: string[], timeoutMs = 180_000): Promise<ClusterStatus> {
    const until = Date.now() + timeoutMs;
    const want = [...roles].sort().join(',');
    for (;;) {
      const status = await this.status();
      const have = status.members
        .map((m) => m.role)
        .filter((r) => r !== 'down')
        .sort()
        .join(',');
      if (have === want) return status;
      if (Date.now() > until) throw new Error(`members are ${have}, not ${want}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  /** Runs queries on the current primary (a new connection each time: the primary may change). */
  async query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  }
}

/** Whether this machine can run the cluster: root, and Debian's packages installed. */
export function clusterPrerequisites(): string | null {
  if (process.getuid?.() !== 0) return 'cần quyền root (PostgreSQL chạy dưới người dùng postgres)';
  const needed: [string, string][] = [
    ['/usr/bin/patroni', 'patroni'],
    ['/usr/bin/etcd', 'etcd-server'],
    ['/usr/sbin/haproxy', 'haproxy'],
  ];
  for (const [bin, pkg] of needed) if (!existsSync(bin)) return `thiếu gói ${pkg}`;
  return null;
}
