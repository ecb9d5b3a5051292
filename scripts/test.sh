#!/usr/bin/env bash
# Lint, then the whole suite on SQLite and again on PostgreSQL. Non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
status=0

echo "== lint (flake8)"
"$VENV/bin/flake8" || status=1

echo "== tests on SQLite"
"$VENV/bin/pytest" --cov --cov-report=term "$@" || status=1

echo "== tests on PostgreSQL"
if pg_env=$(bash scripts/pg.sh start); then
  eval "$pg_env"
  trap 'bash scripts/pg.sh stop "$PGDATA_DIR"' EXIT
  TEST_DATABASE_URL=$TEST_DATABASE_URL "$VENV/bin/pytest" "$@" || status=1
else
  echo "Could not start PostgreSQL" >&2
  status=1
fi

if ((status)); then echo "== FAILED"; else echo "== all passed"; fi
exit $status
