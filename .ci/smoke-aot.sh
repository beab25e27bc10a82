#!/usr/bin/env bash
# Publishes the NativeAOT binary, the one users run, and runs it through the paths the tests cannot
# reach in-process: trimming, resource strings, signals. Prints one line per check ("ok - ..." or
# "not ok - ...") and ends with "smoke: N passed, N failed". Exit status 0 only when all passed.
# DESCOPE_MGMT_BIN=/path/to/descope-mgmt skips the publish and checks that binary instead.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "not ok - $1"; shift; for line in "$@"; do printf '    %s\n' "$line"; done; }
finish() { echo "smoke: ${passed} passed, ${failed} failed"; [ "$failed" -eq 0 ]; exit $?; }

work=$(mktemp -d)
serve_pid=
cleanup() { [ -n "$serve_pid" ] && kill -KILL "$serve_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

bin=${DESCOPE_MGMT_BIN:-}
if [ -z "$bin" ]; then
  case "$(uname -m)" in
    x86_64) rid=linux-x64 ;;
    aarch64 | arm64) rid=linux-arm64 ;;
    *) rid="linux-$(uname -m)" ;;
  esac
  started=$(date +%s)
  if dotnet publish src/DescopeMgmt.Cli -c Release -r "$rid" -o artifacts/aot >"$work/publish.log" 2>&1; then
    pass "publish NativeAOT ($rid) in $(($(date +%s) - started)) s"
  else
    fail "publish NativeAOT ($rid)" "$(tail -n 20 "$work/publish.log")"
    finish
  fi
  bin=artifacts/aot/descope-mgmt
fi

bin=$(realpath "$bin")

# The binary's size is a published budget: under 20 MB on disk.
size=$(stat -c %s "$bin")
if [ "$size" -lt 20000000 ]; then pass "binary size $size bytes (< 20 MB)"; else fail "binary size $size bytes is over 20 MB"; fi

# Everything the binary writes (home, demo workspace, emulator state) stays in the work folder.
export DESCOPE_MGMT_HOME="$work/home" TMPDIR="$work" NO_COLOR=1
unset DESCOPE_PROJECT_ID DESCOPE_MANAGEMENT_KEY DESCOPE_BASE_URL

out=$("$bin" --version 2>&1); rc=$?
if [ "$rc" -eq 0 ] && [[ "$out" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]]; then pass "--version prints $out"; else fail "--version (exit $rc)" "$out"; fi

out=$(cd "$work" && "$bin" demo </dev/null 2>&1); rc=$?
if [ "$rc" -eq 0 ] && grep -q "The demo workspace is in" <<<"$out"; then pass "demo"; else fail "demo (exit $rc)" "$(tail -n 20 <<<"$out")"; fi

# .NET's own messages must be sentences: a binary built with UseSystemResourceKeys prints keys such as
# IO_FileNotFound_FileName or net_http_client_execution_error instead. A word with an underscore and a
# lowercase letter is such a key (environment variable names like DESCOPE_BASE_URL are all capitals).
readable_error() {
  local name=$1 expected=$2 out rc keys
  shift 2
  out=$("$@" </dev/null 2>&1); rc=$?
  keys=$(grep -oE '[A-Za-z0-9]*_[A-Za-z0-9_]*' <<<"$out" | grep '[a-z]' || true)
  if [ "$rc" -eq 1 ] && [ -z "$keys" ] && grep -q "$expected" <<<"$out"; then
    pass "$name: exit 1, readable message"
  else
    fail "$name (exit $rc, resource keys: ${keys:-none})" "$out"
  fi
}
readable_error "missing input file" "file not found" "$bin" flow import /nonexistent/file.json --local --yes
# A .NET message of its own (IO_PathNotFound_Path in a binary built with UseSystemResourceKeys).
readable_error "backup folder under a file" "Could not find a part of the path" \
  env DESCOPE_MGMT_HOME="$work/home" "$bin" backup create --local --backup-dir /etc/hostname/x
readable_error "connection refused" "Connection refused" \
  env DESCOPE_PROJECT_ID=P2SmokeProject DESCOPE_MANAGEMENT_KEY=K2SmokeKey "$bin" flow list --base-url http://127.0.0.1:1

# emulator serve: its first stdout line is the base URL; SIGTERM is a requested stop, exit 0.
"$bin" emulator serve --port 0 --data-dir "$work/emulator" >"$work/serve.out" 2>"$work/serve.err" </dev/null &
serve_pid=$!
for _ in $(seq 1 100); do
  [ -s "$work/serve.out" ] || ! kill -0 "$serve_pid" 2>/dev/null && break
  sleep 0.1
done
url=$(head -n 1 "$work/serve.out")
if [[ "$url" =~ ^http://127\.0\.0\.1:[0-9]+$ ]]; then pass "emulator serve prints its base URL ($url)"; else fail "emulator serve prints its base URL" "$url" "$(cat "$work/serve.err")"; fi

kill -TERM "$serve_pid" 2>/dev/null
for _ in $(seq 1 150); do
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$serve_pid" 2>/dev/null; then
  fail "emulator serve exits on SIGTERM (still running after 15 s)"
else
  wait "$serve_pid"; rc=$?
  serve_pid=
  if [ "$rc" -eq 0 ]; then pass "emulator serve exits 0 on SIGTERM"; else fail "emulator serve exits 0 on SIGTERM (exit $rc)" "$(cat "$work/serve.err")"; fi
fi

finish
