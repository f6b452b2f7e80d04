#!/usr/bin/env bash
# The long-running engine at scale: `portscope events` watching a machine where bench/loadgen.py
# holds N loopback connections (2N sockets, every one with its owner). Reports, in one run:
#   - the CPU of one steady-state refresh (the events process's user+system time over STEADY
#     seconds of 1 s refreshes, divided by the refreshes), beside the CPU of one full re-read
#     (`portscope conns`, which reads every /proc/PID/fd) and of `ss -tanp` and `lsof -i`, run in turn;
#   - the time until a new connection's owner is shown: from a fresh process's listen(2) to the
#     listener-opened event naming its pid;
#   - the RSS of that events process, sampled every 10 s while connections churn for MINUTES.
#
# Settings (environment):
#   BENCH_ENGINE_N=100000      connections held (100000 = 200,000 sockets)
#   BENCH_ENGINE_STEADY=30     seconds of steady state to average over
#   BENCH_ENGINE_MINUTES=10    minutes of churn for the RSS curve
#   BENCH_ENGINE_CHURN=200     connections opened and closed per second during the churn
#   BENCH_ENGINE_REPS=3        runs of each full re-read for the comparison
#   PORTSCOPE=./portscope      the launcher
# Traffic stays on loopback; every process here ends by itself (loadgen's --timeout, bounded loops).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
portscope="${PORTSCOPE:-$here/../portscope}"
n="${BENCH_ENGINE_N:-100000}"
steady="${BENCH_ENGINE_STEADY:-30}"
minutes="${BENCH_ENGINE_MINUTES:-10}"
churn="${BENCH_ENGINE_CHURN:-200}"
work="$(mktemp -d)"
loadgen_pid=""
events_pid=""
cleanup() {
  [ -n "$events_pid" ] && kill -TERM "$events_pid" 2>/dev/null || true
  if [ -n "$loadgen_pid" ]; then kill -TERM "$loadgen_pid" 2>/dev/null || true; wait "$loadgen_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

ticks="$(getconf CLK_TCK)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime, proc(5)
rss_mib() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
cpu_of() { # user+system seconds of one run of a command
  /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.3f", $1 + $2}'
}

"$portscope" --version >/dev/null   # builds and trains the start-up cache first

timeout_s=$((600 + n / 100 + steady * 2 + minutes * 60 + 300))
python3 "$here/loadgen.py" --connections "$n" --timeout "$timeout_s" > "$work/loadgen.out" 2> "$work/loadgen.err" &
loadgen_pid=$!
for _ in $(seq $((120 + n / 200))); do
  grep -q READY "$work/loadgen.out" 2>/dev/null && break
  kill -0 "$loadgen_pid" 2>/dev/null || break
  sleep 1
done
grep -q READY "$work/loadgen.out" || { echo "bench: load generator not ready" >&2; cat "$work/loadgen.err" >&2; exit 1; }
echo "# engine benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ): $n connections held; $(nproc) CPUs, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"

"$portscope" events --json --interval 1s > "$work/events.jsonl" 2> "$work/events.err" &
events_pid=$!
for _ in $(seq 300); do grep -q "changes follow" "$work/events.err" 2>/dev/null && break; sleep 0.5; done
grep -q "changes follow" "$work/events.err" || { echo "bench: events did not start" >&2; cat "$work/events.err" >&2; exit 1; }
sleep 5   # past the first refreshes and the compiler's first work
c0="$(cpu_ticks "$events_pid")"; t0="$(date +%s.%N)"
sleep "$steady"
c1="$(cpu_ticks "$events_pid")"; t1="$(date +%s.%N)"
refresh_cpu="$(awk -v c="$((c1 - c0))" -v hz="$ticks" -v t0="$t0" -v t1="$t1" 'BEGIN {printf "%.3f", c / hz / (t1 - t0)}')"

full=(); ssr=(); lsofr=()
for _ in $(seq "${BENCH_ENGINE_REPS:-3}"); do
  full+=("$(cpu_of "$portscope" conns -n)")
  ssr+=("$(cpu_of ss -tanp)")
  if command -v lsof >/dev/null; then lsofr+=("$(cpu_of lsof -n -P -i)"); fi
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
echo "steady-state refresh: ${refresh_cpu} CPU-s per 1 s refresh (events, whole process, over ${steady} s)"
echo "one full re-read (portscope conns -n): $(median "${full[@]}") CPU-s; ss -tanp: $(median "${ssr[@]}") CPU-s$([ ${#lsofr[@]} -gt 0 ] && echo "; lsof -n -P -i: $(median "${lsofr[@]}") CPU-s") (medians of ${BENCH_ENGINE_REPS:-3}, run in turn)"

latency="$(python3 - "$work/events.jsonl" <<'PY'
import json, os, socket, sys, time
path = sys.argv[1]
offset = os.path.getsize(path)
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen()
port, start = listener.getsockname()[1], time.time()
with open(path) as f:
    f.seek(offset)
    deadline = start + 30
    while time.time() < deadline:
        line = f.readline()
        if not line:
            time.sleep(0.01)
            continue
        event = json.loads(line)
        if event["event"] == "listener-opened" and event["socket"]["local"]["port"] == port \
                and any(p["pid"] == os.getpid() for p in event["processes"]):
            print("%.2f" % (time.time() - start))
            break
    else:
        print("not seen in 30 s")
PY
)"
echo "new listener's owner shown after: ${latency} s (1 s refreshes)"

python3 - "$churn" "$((minutes * 60))" > /dev/null 2>&1 <<'PY' &
import socket, sys, time
rate, seconds = int(sys.argv[1]), int(sys.argv[2])
listener = socket.socket(); listener.bind(("127.0.0.1", 0)); listener.listen(1024)
end = time.time() + seconds
while time.time() < end:
    tick = time.time()
    for _ in range(rate):
        c = socket.create_connection(listener.getsockname()); a, _ = listener.accept(); c.close(); a.close()
    time.sleep(max(0, 1 - (time.time() - tick)))
PY
churn_pid=$!
samples=()
for _ in $(seq $((minutes * 6))); do
  kill -0 "$events_pid" 2>/dev/null || { echo "bench: events ended during the churn:" >&2; tail -5 "$work/events.err" >&2; break; }
  samples+=("$(rss_mib "$events_pid")")
  sleep 10
done
wait "$churn_pid" 2>/dev/null || true
sorted="$(printf '%s\n' "${samples[@]}" | sort -n)"
echo "RSS of events over ${minutes} min at ${churn} connections/s: first $(echo "${samples[0]}") MiB, last ${samples[-1]} MiB, peak $(echo "$sorted" | tail -1) MiB (${#samples[@]} samples)"
echo "events seen: $(wc -l < "$work/events.jsonl") lines; warnings: $(grep -c warning "$work/events.err" || true)"
kill -0 "$events_pid" 2>/dev/null || { echo "bench: events is no longer running:" >&2; tail -5 "$work/events.err" >&2; }
