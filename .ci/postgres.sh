#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the tests of the multi-workstation
# backend, and print the URL the tests should use. Source it: `. .ci/postgres.sh`.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PG_BIN" ]; then
  echo "PostgreSQL server not installed; its tests will be skipped" >&2
  return 0 2>/dev/null || exit 0
fi
PG_DIR=$(mktemp -d /tmp/chairside-pg.XXXXXX)
chown postgres "$PG_DIR" 2>/dev/null || true
PG_PORT=${CHAIRSIDE_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
if as_postgres "'$PG_BIN/initdb' -D '$PG_DIR/data' -U postgres -A trust --no-sync" >/dev/null &&
   as_postgres "'$PG_BIN/pg_ctl' -D '$PG_DIR/data' -l '$PG_DIR/log' -o \"-p $PG_PORT -k '$PG_DIR' -c listen_addresses=127.0.0.1 -c fsync=off\" -w start" >/dev/null &&
   as_postgres "'$PG_BIN/createdb' -h 127.0.0.1 -p $PG_PORT -U postgres chairside_test"; then
  export CHAIRSIDE_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/chairside_test"
  echo "PostgreSQL test server: $CHAIRSIDE_TEST_POSTGRES_URL" >&2
else
  echo "PostgreSQL test server did not start (see $PG_DIR/log); its tests will be skipped" >&2
  tail -n 5 "$PG_DIR/log" >&2 2>/dev/null || true
fi
