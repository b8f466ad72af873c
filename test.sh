#!/usr/bin/env bash
# Provisions what the tests need when missing (PostgreSQL 15, Azurite, Chromium), runs every test, and ends with
# the line "N passed, N failed". Test fixtures start their own throwaway servers on free ports and stop them.
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

log() { printf '[test.sh] %s\n' "$*" >&2; }
apt_updated=0
apt_install() {
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  if [ $apt_updated = 0 ]; then $sudo apt-get update -qq >&2 || true; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}

# PostgreSQL 15 server binaries (fixtures run initdb/pg_ctl from here; psql for the benchmark).
if [ ! -x /usr/lib/postgresql/15/bin/initdb ] || ! command -v psql >/dev/null; then
  log "installing PostgreSQL 15"; apt_install postgresql-15 postgresql-client-15 || apt_install postgresql
fi
# Chromium for the Playwright tests (Playwright's own browser download is not reachable; Debian's is used).
if [ ! -x /usr/bin/chromium ]; then
  log "installing Chromium"; apt_install chromium
fi
# OpenSSH server for the SFTP tests (fixtures start their own sshd on a free loopback port).
if [ ! -x /usr/sbin/sshd ]; then
  log "installing OpenSSH server"; apt_install openssh-server
fi
# openpyxl writes the Excel workbooks the reader is tested against (another writer than the Open XML SDK).
if ! /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
  log "installing python3-openpyxl"; apt_install python3-openpyxl
fi
# Azurite (blob emulator) into .tools/ (git-ignored).
if [ ! -x "$ROOT/.tools/node_modules/.bin/azurite-blob" ]; then
  log "installing Azurite"
  mkdir -p "$ROOT/.tools"
  (cd "$ROOT/.tools" && [ -f package.json ] || echo '{"private":true}' > package.json
   npm install --no-audit --no-fund --silent azurite@3.37.0 >&2)
fi

mkdir -p "$ROOT/artifacts"
out="$ROOT/artifacts/test-output.txt"
# Tests must never touch the user's portal data (EtlStudio.Web/data): list it before and compare after.
user_data="$ROOT/EtlStudio.Web/data"
data_listing() { [ -d "$user_data" ] && find "$user_data" -type f -printf '%P %s %T@\n' | sort; }
data_before=$(data_listing)
log "dotnet test EtlStudio.sln"
# Two test assemblies at a time: on a 2-core machine, all seven at once starved the browser tests' sign-in past
# Playwright's 30 s while the Kafka tests ran; the whole run takes about as long either way.
dotnet test EtlStudio.sln --max-parallel-test-modules 2 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}

# Microsoft.Testing.Platform prints per-assembly summaries; add them up.
summary=$(awk '/^ *succeeded: /{p+=$2} /^ *failed: /{f+=$2} /^ *skipped: /{s+=$2} END{printf "%d %d %d", p, f, s}' "$out")
read -r passed failed skipped <<<"$summary"
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; log "dotnet test exited with $rc (build or run failure)"; fi
[ "$skipped" != 0 ] && log "$skipped skipped"
data_after=$(data_listing)
if [ "$data_before" != "$data_after" ]; then
  log "FAILED: the tests changed EtlStudio.Web/data (the user's portal data):"
  diff <(echo "$data_before") <(echo "$data_after") >&2
  failed=$((failed + 1)); rc=1
fi
echo "$passed passed, $failed failed"
[ "$rc" = 0 ]
