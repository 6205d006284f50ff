#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a private loopback port for the tests, installing
# Debian's server packages if they are missing. Source it: it exports DEPWATCH_TEST_POSTGRES and
# registers stop_test_postgres, which stops the cluster and removes its folder.

start_test_postgres() {
  local pgbin
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
    echo "    installing PostgreSQL from Debian's packages"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  PGROOT=$(mktemp -d -t depwatch-pg.XXXXXX)
  local port=${DEPWATCH_TEST_POSTGRES_PORT:-}
  if [ -z "$port" ]; then
    # The first port from 55432 up that nothing listens on, so a cluster left running elsewhere is no obstacle.
    port=55432
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
      port=$((port + 1))
    done
  fi
  local as_postgres=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$PGROOT"
    as_postgres=(runuser -u postgres --)
  fi
  "${as_postgres[@]}" "$pgbin/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w \
    -o "-p $port -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
  PG_STOP=("${as_postgres[@]}" "$pgbin/pg_ctl" -D "$PGROOT/data" -m immediate -w stop)
  export DEPWATCH_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "    $DEPWATCH_TEST_POSTGRES ($("$pgbin/postgres" --version))"
}

stop_test_postgres() {
  if [ -n "${PGROOT:-}" ]; then
    "${PG_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$PGROOT"
  fi
}
