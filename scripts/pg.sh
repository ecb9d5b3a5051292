#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback for the tests.
#   eval "$(scripts/pg.sh start)"   prints exports: PGDATA_DIR, TEST_DATABASE_URL
#   scripts/pg.sh stop DIR          stops the server and removes its data
set -euo pipefail

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_postgres() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local dir port
  dir=$(mktemp -d -t tandem-pg.XXXXXX)
  [[ $(id -u) == 0 ]] && chown postgres:postgres "$dir"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_postgres "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null
  "$PGBIN/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE tandem_test" >/dev/null
  echo "export PGDATA_DIR=$dir"
  echo "export TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:$port/tandem_test"
}

stop() {
  local dir=$1
  as_postgres "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  rm -rf "$dir"
}

"$@"
