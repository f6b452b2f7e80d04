#!/usr/bin/env bash
# Times `portscope scan` against `nmap -sT` on all 65,535 TCP ports of 127.0.0.1 while a python3
# helper holds a few hundred listeners there; prints both times (median of REPS runs), their ratio
# and whether the two open-port sets are identical (and contain every helper listener).
#
# Settings (environment):
#   LISTENERS=300         listeners the helper opens on 127.0.0.1 (ports the kernel hands out)
#   REPS=3                runs of each tool (alternating); the median is reported
#   PORTSCOPE=./portscope the launcher to time
#   NIO=1                 also time portscope's portable NIO engine (PORTSCOPE_CONNECT=nio) in the same runs
# Traffic stays on loopback. Each run is killed after 300 s; the helper exits after 15 minutes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
listeners="${LISTENERS:-300}"
reps="${REPS:-3}"
portscope="${PORTSCOPE:-$repo/portscope}"
for value in "$listeners" "$reps"; do
  [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -ge 1 ] || { echo "bench: '$value' is not a positive number" >&2; exit 2; }
done
[ "$listeners" -le 900 ] || { echo "bench: at most 900 listeners (open-file limit)" >&2; exit 2; }
[ "$reps" -le 20 ] || { echo "bench: at most 20 runs" >&2; exit 2; }
command -v nmap >/dev/null || { echo "bench: nmap is not installed (apt-get install nmap)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench: python3 is not installed" >&2; exit 2; }

work="$(mktemp -d)"
helper_pid=""
cleanup() {
  [ -n "$helper_pid" ] && kill "$helper_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The helper: N listeners on 127.0.0.1, their ports on one line, then it waits (bounded) to be killed.
python3 -c '
import socket, sys, time
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(128); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks), flush=True)
time.sleep(900)
' "$listeners" > "$work/helper-ports" &
helper_pid=$!
for _ in $(seq 1 100); do
  [ -s "$work/helper-ports" ] && break
  sleep 0.1
done
[ -s "$work/helper-ports" ] || { echo "bench: the listener helper did not start" >&2; exit 1; }
tr ' ' '\n' < "$work/helper-ports" | sort > "$work/helper.txt"

"$portscope" --version > /dev/null 2>&1 || { echo "bench: $portscope does not run" >&2; exit 1; }

now() { date +%s.%N; }
elapsed() { python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.3f}")' "$1" "$2"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: > "$work/portscope.times"
: > "$work/nmap.times"
: > "$work/nio.times"
for run in $(seq 1 "$reps"); do
  start="$(now)"
  timeout 300 "$portscope" scan 127.0.0.1 -p 1-65535 --json > "$work/portscope.json" || [ $? -eq 1 ]
  end="$(now)"
  elapsed "$start" "$end" >> "$work/portscope.times"

  if [ "${NIO:-0}" = 1 ]; then
    start="$(now)"
    PORTSCOPE_CONNECT=nio timeout 300 "$portscope" scan 127.0.0.1 -p 1-65535 --json > "$work/nio.json" || [ $? -eq 1 ]
    end="$(now)"
    elapsed "$start" "$end" >> "$work/nio.times"
  fi

  start="$(now)"
  timeout 300 nmap -sT -p- 127.0.0.1 -n -Pn -oG "$work/nmap.gnmap" > /dev/null
  end="$(now)"
  elapsed "$start" "$end" >> "$work/nmap.times"
done

python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
print("\n".join(str(p["port"]) for p in doc["ports"] if p["status"] == "open"))
 ' "$work/portscope.json" | sort > "$work/portscope.open"
grep -o '[0-9]*/open/tcp' "$work/nmap.gnmap" | cut -d/ -f1 | sort > "$work/nmap.open" || true

p="$(median < "$work/portscope.times")"
n="$(median < "$work/nmap.times")"
echo "listeners opened by the helper: $listeners; runs per tool: $reps; cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "portscope scan 127.0.0.1 -p 1-65535:   median ${p} s   (runs: $(paste -sd' ' "$work/portscope.times"))"
echo "nmap -sT -p- 127.0.0.1 -n -Pn:          median ${n} s   (runs: $(paste -sd' ' "$work/nmap.times"))"
python3 -c 'import sys; print(f"ratio nmap/portscope: {float(sys.argv[2]) / float(sys.argv[1]):.2f} (above 1: portscope is faster)")' "$p" "$n"
if [ "${NIO:-0}" = 1 ]; then
  o="$(median < "$work/nio.times")"
  echo "portscope, NIO engine:                  median ${o} s   (runs: $(paste -sd' ' "$work/nio.times"))"
  python3 -c 'import sys; print(f"ratio nio/system calls: {float(sys.argv[2]) / float(sys.argv[1]):.2f}")' "$p" "$o"
  python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
print("\n".join(str(p["port"]) for p in doc["ports"] if p["status"] == "open"))
 ' "$work/nio.json" | sort > "$work/nio.open"
  cmp -s "$work/portscope.open" "$work/nio.open" && echo "open-port sets of the two engines: identical" \
    || echo "open-port sets of the two engines: DIFFERENT (open for one engine only: $(comm -3 "$work/portscope.open" "$work/nio.open" | tr -d '\t' | paste -sd' '))"
fi
echo "open ports: portscope $(wc -l < "$work/portscope.open"), nmap $(wc -l < "$work/nmap.open") (last run of each)"
if cmp -s "$work/portscope.open" "$work/nmap.open"; then
  echo "open-port sets: identical"
else
  # the two scans run one after the other: another process may open or close a port in between, and
  # nmap counts a loopback connect that the kernel gave the target port as source (a socket connected
  # to itself) as open; portscope counts it as closed
  echo "open-port sets: DIFFERENT (ports open for one scanner only: $(comm -3 "$work/portscope.open" "$work/nmap.open" | tr -d '\t' | paste -sd' '))"
fi
helper_p="$(comm -12 "$work/helper.txt" "$work/portscope.open" | wc -l)"
helper_n="$(comm -12 "$work/helper.txt" "$work/nmap.open" | wc -l)"
echo "the helper's $listeners listeners found open: by portscope $helper_p, by nmap $helper_n"
