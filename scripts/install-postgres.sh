#!/usr/bin/env bash
# Install Debian's PostgreSQL server binaries for tests/test_store_postgres.py and `wirewatch bench --scale`
# when they are missing. The tests start a throwaway server with initdb + pg_ctl on a temp folder
# (as the `postgres` user when run as root); nothing is started or enabled system-wide here.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "postgresql present: $(ls -d /usr/lib/postgresql/*/bin | tail -1)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq postgresql
ls -d /usr/lib/postgresql/*/bin
