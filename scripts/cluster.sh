#!/usr/bin/env bash
# A cqtt cluster on one machine (PostgreSQL + Patroni + etcd, HAProxy, two cqtt nodes), from
# Debian's packages: scripts/cluster.sh up|status|down|kill-primary|kill-node N|…
# The commands and their settings are described in scripts/cluster.mjs and docs/operations.md.
set -euo pipefail
if [[ $(id -u) -ne 0 ]]; then
  echo "cluster: run as root (PostgreSQL and Patroni are started as the user postgres)" >&2
  exit 1
fi
exec node "$(dirname "${BASH_SOURCE[0]}")/cluster.mjs" "$@"
