import { defineConfig } from 'vitest/config';

// The cluster tests (issue 17): the real processes of scripts/cluster.sh (Patroni, etcd,
// HAProxy, PostgreSQL, two cqtt nodes) under load and faults. One file, one cluster, in order.
export default defineConfig({
  test: {
    name: 'cluster',
    include: ['apps/server/cluster-test/**/*.test.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 20 * 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
