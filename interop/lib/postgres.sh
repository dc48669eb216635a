# SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
# SPDX-License-Identifier: AGPL-3.0-only
# A throwaway PostgreSQL (Debian's postgresql package) for Coder releases whose coderdtest needs
# one: initdb and pg_ctl as the unprivileged "postgres" user in a temporary directory, listening on
# 127.0.0.1:5432 inside the given network namespace only (so it cannot clash with a server on the
# host), trust authentication, no fsync. pg_stop stops it and deletes every file.

PG_DIR=""
PG_NS=""

# pg_start NAMESPACE: starts the server and waits until it accepts connections.
pg_start() {
  PG_NS=$1
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -x $bin/initdb ]] || { echo "PostgreSQL is not installed (scripts/prereqs.sh installs it)" >&2; return 1; }
  id postgres >/dev/null 2>&1 || { echo "no unprivileged 'postgres' user to run PostgreSQL as" >&2; return 1; }
  PG_BIN=$bin
  PG_DIR=$(mktemp -d /tmp/cdj-pg.XXXXXX)
  chown postgres: "$PG_DIR"
  runuser -u postgres -- "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 \
    --no-sync >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  # Coder's test database broker opens a connection per template and test database: allow plenty.
  ip netns exec "$PG_NS" runuser -u postgres -- "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" \
    -w -t 60 -o "-c listen_addresses=127.0.0.1 -c port=5432 -c unix_socket_directories=$PG_DIR \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start \
    >/dev/null || { tail -n 20 "$PG_DIR/server.log" >&2; return 1; }
}

# pg_stop: stops the server (if pg_start ran) and removes its directory.
pg_stop() {
  [[ -n $PG_DIR ]] || return 0
  ip netns exec "$PG_NS" runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate \
    stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}
