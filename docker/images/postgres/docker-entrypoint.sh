#!/bin/sh
# Initialises the cluster on first start, like the official image's entrypoint:
# superuser POSTGRES_USER (postgres) with POSTGRES_PASSWORD or the content of
# POSTGRES_PASSWORD_FILE, database POSTGRES_DB (= the user), scram-sha-256 for TCP clients.
set -eu

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ "${1:-}" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  user=${POSTGRES_USER:-postgres}
  db=${POSTGRES_DB:-$user}
  if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then
    POSTGRES_PASSWORD=$(cat "$POSTGRES_PASSWORD_FILE")
  fi
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo 'docker-entrypoint: POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE must be set' >&2
    exit 1
  fi
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 -D "$PGDATA" > /dev/null
  rm -f "$pwfile"
  printf '%s\n' 'host all all all scram-sha-256' >> "$PGDATA/pg_hba.conf"
  printf '%s\n' "listen_addresses = '*'" >> "$PGDATA/postgresql.auto.conf"
  if [ "$db" != postgres ]; then
    # Single-user mode: no server listens while the database is created.
    echo "CREATE DATABASE \"$db\";" | postgres --single -D "$PGDATA" -j postgres > /dev/null
  fi
  echo "docker-entrypoint: initialised $PGDATA (user $user, database $db)"
fi

exec "$@"
