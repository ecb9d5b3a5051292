#!/usr/bin/env bash
# Lint, then the whole suite on SQLite and on PostgreSQL. Non-zero on any failure.
# The two runs share nothing (own database, free ports chosen by each), so they run side
# by side, one per core; each one's output is printed whole when it ends.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
status=0

echo "== lint (flake8)"
"$VENV/bin/flake8" || status=1

logs=$(mktemp -d)
"$VENV/bin/pytest" "$@" >"$logs/sqlite.log" 2>&1 &
sqlite_run=$!

pg_run=
if pg_env=$(bash scripts/pg.sh start); then
  eval "$pg_env"
  trap 'bash scripts/pg.sh stop "$PGDATA_DIR"; rm -rf "$logs"' EXIT
  TEST_DATABASE_URL=$TEST_DATABASE_URL "$VENV/bin/pytest" "$@" >"$logs/postgres.log" 2>&1 &
  pg_run=$!
else
  echo "Could not start PostgreSQL" >&2
  status=1
fi

wait "$sqlite_run" || status=1
echo "== tests on SQLite"
cat "$logs/sqlite.log"
if [[ -n $pg_run ]]; then
  wait "$pg_run" || status=1
  echo "== tests on PostgreSQL"
  cat "$logs/postgres.log"
fi

if ((status)); then echo "== FAILED"; else echo "== all passed"; fi
exit $status
