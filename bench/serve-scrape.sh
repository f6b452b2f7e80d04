#!/usr/bin/env bash
# The cost of one scrape of portscope serve while bench/loadgen.py holds N loopback TCP connections
# (2N sockets): wall time seen by the scraper, and the collection's own wall and CPU time as the
# exposition reports them (portscope_collection_duration_seconds, portscope_collection_cpu_seconds).
# Goal (issue 15): at most 0.2 s at N=100000. With SOAK_SECONDS, it then scrapes once a second for
# that long and samples serve's RSS every 10 s (goal: flat).
#
# Settings (environment):
#   BENCH_N=100000      connections
#   BENCH_SCRAPES=10    scrapes timed (each after the 1 s cache, so each collects)
#   SOAK_SECONDS=0      seconds of the RSS soak (600 for the issue's 10 minutes)
#   PORTSCOPE=./portscope
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
n="${BENCH_N:-100000}"
scrapes="${BENCH_SCRAPES:-10}"
soak="${SOAK_SECONDS:-0}"
portscope="${PORTSCOPE:-$repo/portscope}"
for value in "$n" "$scrapes" "$soak"; do
  [[ "$value" =~ ^[0-9]+$ ]] || { echo "bench: '$value' is not a number" >&2; exit 2; }
done
[ "$scrapes" -ge 1 ] && [ "$scrapes" -le 1000 ] && [ "$soak" -le 86400 ] || { echo "bench: 1-1000 scrapes, soak at most a day" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench: needs curl" >&2; exit 2; }

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

ready_limit=$((60 + n / 200))
/usr/bin/python3 "$here/loadgen.py" --connections "$n" --timeout $((ready_limit + scrapes * 5 + soak + 300)) \
  > "$work/loadgen.out" 2> "$work/loadgen.err" &
pids+=($!)
for _ in $(seq $((ready_limit * 10))); do grep -q READY "$work/loadgen.out" 2>/dev/null && break; sleep 0.1; done
grep -q READY "$work/loadgen.out" || { echo "bench: load generator not ready:" >&2; cat "$work/loadgen.err" >&2; exit 1; }

"$portscope" serve --listen 127.0.0.1:0 > "$work/serve.out" 2> "$work/serve.err" &
pids+=($!)
url=""
for _ in $(seq 600); do
  url="$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/serve.out" 2>/dev/null | head -1 || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "bench: serve did not start:" >&2; cat "$work/serve.err" >&2; exit 1; }
serve_pid="$(ss -Htlnp "sport = :${url##*:}" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)"
serve_pid="${serve_pid%/}"

curl -s -o /dev/null "${url}metrics"   # the first collection: warms the JIT and the owner tracker
echo "# portscope serve: one scrape at $n connections ($(nproc) CPUs, $(uname -r))"
echo
echo "| scrape | scraper's wall (s) | collection wall (s) | collection CPU (s) | sockets |"
echo "|---|---|---|---|---|"
for i in $(seq "$scrapes"); do
  sleep 1.1
  wall="$(curl -s -o "$work/metrics" -w '%{time_total}' "${url}metrics")"
  cwall="$(awk '/^portscope_collection_duration_seconds /{print $2}' "$work/metrics")"
  ccpu="$(awk '/^portscope_collection_cpu_seconds /{print $2}' "$work/metrics")"
  sockets="$(awk '/^portscope_sockets\{/{s += $2} END {print s}' "$work/metrics")"
  echo "| $i | $wall | $cwall | $ccpu | $sockets |"
done

if [ "$soak" -gt 0 ] && [ -n "$serve_pid" ]; then
  echo
  echo "RSS of serve (kB), scraped once a second for $soak s:"
  for s in $(seq "$soak"); do
    curl -s -o /dev/null "${url}metrics" || true
    [ $((s % 10)) -eq 1 ] && echo "  ${s}s: $(awk '/^VmRSS/{print $2}' "/proc/$serve_pid/status")"
    sleep 1
  done
fi
