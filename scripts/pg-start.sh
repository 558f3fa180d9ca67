#!/usr/bin/env bash
# Starts (or reuses) a throw-away PostgreSQL cluster for tests and benches, and prints its URL.
#   scripts/pg-start.sh            -> postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/pg-start.sh stop       -> stops it
# Installs Debian's `postgresql` when no server binaries are found (CI runs as root with the
# Debian registry reachable). PostgreSQL refuses to run as root, so as root the cluster belongs to
# the `postgres` user. It listens on 127.0.0.1 only, on a free port, with `trust` authentication:
# a test cluster, never a deployment. One cluster per machine user, shared by concurrent callers
# (a lock file serialises the start), kept in $PARLEY_PG_DIR (default /tmp/parley-pg-$(id -u)).
# PARLEY_PG_LISTEN: addresses to listen on (default 127.0.0.1); PARLEY_PG_ALLOW: a CIDR whose
# clients are trusted too (scripts/netns-workers.sh: workers in network namespaces of their own).
set -euo pipefail
DIR="${PARLEY_PG_DIR:-/tmp/parley-pg-$(id -u)}"
mkdir -p "$DIR"
exec 9>"$DIR/.lock"
flock 9

bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }; done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

if ! BIN="$(bindir)"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "pg-start: installing postgresql (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
    BIN="$(bindir)"
  else
    echo "pg-start: no PostgreSQL server found (install Debian's postgresql)" >&2
    exit 1
  fi
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

DATA="$DIR/data"
if [ "${1:-}" = stop ]; then
  [ -f "$DATA/postmaster.pid" ] && as_pg "'$BIN/pg_ctl' -D '$DATA' -m fast -w stop" >&2 || true
  exit 0
fi

if [ -f "$DIR/url" ] && [ -f "$DATA/postmaster.pid" ] && as_pg "'$BIN/pg_ctl' -D '$DATA' status" >/dev/null 2>&1; then
  cat "$DIR/url"
  exit 0
fi

if [ ! -f "$DATA/PG_VERSION" ]; then
  rm -rf "$DATA"
  mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && chown -R postgres: "$DIR" && chmod 700 "$DATA"
  as_pg "'$BIN/initdb' -D '$DATA' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null"
fi
[ "$(id -u)" = 0 ] && chown -R postgres: "$DIR"
LISTEN="${PARLEY_PG_LISTEN:-127.0.0.1}"
if [ -n "${PARLEY_PG_ALLOW:-}" ] && ! grep -q "^host all all ${PARLEY_PG_ALLOW} trust" "$DATA/pg_hba.conf"; then
  echo "host all all ${PARLEY_PG_ALLOW} trust" >> "$DATA/pg_hba.conf"
fi
PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
# small shared_buffers: the machine is shared; fsync stays on (the durability tests mean it)
as_pg "'$BIN/pg_ctl' -D '$DATA' -l '$DIR/log' -w -t 60 -o \"-c listen_addresses=$LISTEN -p $PORT -k '$DIR' -c max_connections=200 -c shared_buffers=128MB\" start" >&2 9>&-
echo "postgres://postgres@127.0.0.1:$PORT/postgres" > "$DIR/url"
cat "$DIR/url"
