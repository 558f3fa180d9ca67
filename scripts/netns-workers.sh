#!/usr/bin/env bash
# Workers as separate machines: two `parley worker` processes, each in a network namespace of its
# own (no network but a veth link to the host), reach PostgreSQL over TCP at the host end of their
# link, and share the ingest queue. Checks that both took jobs and that every queued article is
# stored once, with the same stats as a single-process ingest into SQLite.
#
#   sudo scripts/netns-workers.sh            (needs root: ip netns, veth)
#
# Addresses are private ones in namespaces this script creates (10.213.1.0/30, 10.213.2.0/30);
# a PostgreSQL cluster of its own (PARLEY_PG_DIR=/tmp/parley-pg-netns) listens on 127.0.0.1 and
# the two host ends. Everything is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "netns-workers: needs root (ip netns)" >&2; exit 1; }
NS=(parley-w1 parley-w2)
export PARLEY_PG_DIR=/tmp/parley-pg-netns
TMP="$(mktemp -d)"
cleanup() {
  set +e
  for i in 0 1; do ip netns pids "${NS[$i]}" 2>/dev/null | xargs -r kill 2>/dev/null; ip netns del "${NS[$i]}" 2>/dev/null; done
  scripts/pg-start.sh stop >/dev/null 2>&1
  rm -rf "$TMP" "$PARLEY_PG_DIR"
}
trap cleanup EXIT

for i in 0 1; do
  n=$((i + 1))
  ip netns del "${NS[$i]}" 2>/dev/null || true
  ip netns add "${NS[$i]}"
  ip link add "pgw$n-host" type veth peer name "pgw$n-ns"
  ip link set "pgw$n-ns" netns "${NS[$i]}"
  ip addr add "10.213.$n.1/30" dev "pgw$n-host"
  ip link set "pgw$n-host" up
  ip netns exec "${NS[$i]}" ip addr add "10.213.$n.2/30" dev "pgw$n-ns"
  ip netns exec "${NS[$i]}" ip link set "pgw$n-ns" up
  ip netns exec "${NS[$i]}" ip link set lo up
done

URL="$(PARLEY_PG_LISTEN='127.0.0.1,10.213.1.1,10.213.2.1' PARLEY_PG_ALLOW='10.213.0.0/16' scripts/pg-start.sh)"
PORT="$(echo "$URL" | sed -E 's|.*:([0-9]+)/.*|\1|')"
psql "$URL" -qc "CREATE DATABASE parley_netns"
HOSTDB="postgres://postgres@127.0.0.1:$PORT/parley_netns"
CLI=(node --import tsx src/cli/main.ts)

# the namespaces see no host address but their link's other end
if ip netns exec parley-w1 ping -c1 -W1 127.0.0.1 >/dev/null 2>&1 && ip netns exec parley-w1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; then
  echo "netns-workers: the host's PostgreSQL is reachable at 127.0.0.1 from a namespace: not isolated" >&2; exit 1
fi

"${CLI[@]}" ingest --queue --db "$HOSTDB" --json ../shared/seeds samples > "$TMP/queued.json"
QUEUED="$(node -e "console.log(JSON.parse(require('fs').readFileSync('$TMP/queued.json','utf8')).queued)")"
echo "queued $QUEUED articles"

ip netns exec parley-w1 "${CLI[@]}" worker --db "postgres://postgres@10.213.1.1:$PORT/parley_netns" --idle-exit 3 --quiet --json > "$TMP/w1.json" &
P1=$!
ip netns exec parley-w2 "${CLI[@]}" worker --db "postgres://postgres@10.213.2.1:$PORT/parley_netns" --idle-exit 3 --quiet --json > "$TMP/w2.json" &
P2=$!
wait $P1 $P2
echo "worker in parley-w1: $(cat "$TMP/w1.json")"
echo "worker in parley-w2: $(cat "$TMP/w2.json")"

"${CLI[@]}" ingest --db "$TMP/one.db" --json ../shared/seeds samples > /dev/null
"${CLI[@]}" stats --db "$TMP/one.db" --json > "$TMP/one-stats.json"
"${CLI[@]}" stats --db "$HOSTDB" --json > "$TMP/pg-stats.json"
node -e "
const fs = require('fs');
const w = ['w1', 'w2'].map((k) => JSON.parse(fs.readFileSync('$TMP/' + k + '.json', 'utf8').trim().split('\n').pop()));
const a = fs.readFileSync('$TMP/one-stats.json', 'utf8'), b = fs.readFileSync('$TMP/pg-stats.json', 'utf8');
const fail = (m) => { console.error('netns-workers: FAIL: ' + m); process.exit(1); };
if (!(w[0].jobs > 0 && w[1].jobs > 0)) fail('a worker took no job');
if (w[0].stored + w[1].stored !== $QUEUED) fail('stored ' + (w[0].stored + w[1].stored) + ' of $QUEUED');
if (a !== b) fail('stats differ from a single-process ingest:\n' + a + '\n' + b);
console.log('netns-workers: OK: two workers in separate network namespaces stored ' + $QUEUED + ' articles over TCP (' + w[0].stored + ' + ' + w[1].stored + '), stats identical to a single-process ingest');
"
