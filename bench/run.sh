#!/usr/bin/env bash
# portscope's benchmark: times portscope and its peers (ss, netstat, lsof, psutil) on this machine
# while bench/loadgen.py holds N loopback TCP connections. See bench/README.md.
#
# Settings (environment):
#   BENCH_N="1000 10000"   connection counts to run (100000 = 200,000 sockets; takes minutes)
#   BENCH_REPS=5           whole-process runs of each tool per N (median reported)
#   BENCH_QUICK=1          quick mode: N=1000, 3 runs
#   BENCH_TOOLS="..."      only the tools whose names contain one of these words (e.g. "portscope ss")
#   BENCH_TIMEOUT=300      seconds one tool run may take before it is killed (recorded as a timeout)
#   PORTSCOPE=./portscope  the launcher to time
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"

if [ "${BENCH_QUICK:-0}" = 1 ]; then
  counts="${BENCH_N:-1000}"; reps="${BENCH_REPS:-3}"
else
  counts="${BENCH_N:-1000 10000}"; reps="${BENCH_REPS:-5}"
fi
tool_timeout="${BENCH_TIMEOUT:-300}"
portscope="${PORTSCOPE:-$repo/portscope}"
jdk25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for value in "$reps" "$tool_timeout" $counts; do
  [[ "$value" =~ ^[0-9]+$ ]] && [ "$value" -ge 1 ] || { echo "bench: '$value' is not a positive number" >&2; exit 2; }
done
[ "$reps" -le 100 ] || { echo "bench: at most 100 runs per tool" >&2; exit 2; }

# --- what the peers need (Debian package names) ---
missing=()
command -v ss >/dev/null || missing+=(iproute2)
command -v netstat >/dev/null || missing+=(net-tools)
command -v lsof >/dev/null || missing+=(lsof)
[ -x /usr/bin/time ] || missing+=(time)
[ -x /usr/bin/python3 ] || missing+=(python3)
/usr/bin/python3 -c 'import psutil' 2>/dev/null || missing+=(python3-psutil)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "bench: missing tools; install them with: apt-get install ${missing[*]}" >&2
  exit 2
fi
[ -x "$jdk25" ] || { . "$repo/scripts/find-java.sh"; jdk25="$(find_java25)"; }

# name|command; the first three are portscope, the rest its peers.
tools=(
  "portscope conns -t|$portscope conns -t"
  "portscope conns -t --no-process|$portscope conns -t --no-process"
  "portscope listen -t|$portscope listen -t"
  "ss -tanp|ss -tanp"
  "ss -tan|ss -tan"
  "ss -tlnp|ss -tlnp"
  "netstat -tanp|netstat -tanp"
  "netstat -tan|netstat -tan"
  "lsof -iTCP -n -P|lsof -iTCP -n -P"
  "psutil net_connections|/usr/bin/python3 -c 'import psutil; print(len(psutil.net_connections(\"tcp\")))'"
  "cat /proc/net/tcp|cat /proc/net/tcp /proc/net/tcp6"
  "java -version|$jdk25 -version"
)
# Which portscope run each peer is compared with, and the target ratio (portscope ÷ peer) if any.
counterpart() {
  case "$1" in
    "ss -tanp") echo "portscope conns -t|0.1" ;;
    "netstat -tanp") echo "portscope conns -t|0.25" ;;
    "lsof -iTCP -n -P"|"psutil net_connections") echo "portscope conns -t|" ;;
    "ss -tan") echo "portscope conns -t --no-process|1.0" ;;
    "netstat -tan"|"cat /proc/net/tcp"|"java -version") echo "portscope conns -t --no-process|" ;;
    "ss -tlnp") echo "portscope listen -t|0.25" ;;
    *) echo "|" ;;
  esac
}
selected() {
  [ -z "${BENCH_TOOLS:-}" ] && return 0
  local word; for word in $BENCH_TOOLS; do [[ "$1" == *"$word"* ]] && return 0; done; return 1
}

work="$(mktemp -d)"
loadgen_pid=""
cleanup() {
  if [ -n "$loadgen_pid" ]; then
    # The parent ends its workers on SIGTERM; any left after 5 s are ended by pid (they would also
    # exit by themselves at loadgen's --timeout).
    local workers; workers="$(pgrep -P "$loadgen_pid" || true)"
    kill -TERM "$loadgen_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$loadgen_pid" 2>/dev/null || break; sleep 0.1; done
    for pid in $loadgen_pid $workers; do kill -KILL "$pid" 2>/dev/null || true; done
    wait "$loadgen_pid" 2>/dev/null || true
    loadgen_pid=""
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Build and train portscope's start-up cache before timing anything.
"$portscope" --version >/dev/null
"$portscope" conns -t --no-process >/dev/null

mkdir -p "$here/results"
stamp="$(date +%Y%m%d-%H%M%S)"
report="$here/results/$stamp.md"
{
  echo "# portscope benchmark, $stamp"
  echo
  echo "$(nproc) CPUs, $(uname -r), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "$("$portscope" --version 2>/dev/null | head -1) at $(git -C "$(dirname "$portscope")" rev-parse --short HEAD 2>/dev/null || echo 'a copy'); $reps runs of each tool per N, alternating; median wall time and median peak RSS (/usr/bin/time)."
} | tee "$report"

for n in $counts; do
  ready_limit=$((60 + n / 200))
  /usr/bin/python3 "$here/loadgen.py" --connections "$n" --timeout $((ready_limit + 14 * reps * tool_timeout / 10 + 600)) \
    > "$work/loadgen.out" 2> "$work/loadgen.err" &
  loadgen_pid=$!
  for _ in $(seq $((ready_limit * 10))); do
    grep -q READY "$work/loadgen.out" 2>/dev/null && break
    kill -0 "$loadgen_pid" 2>/dev/null || break
    sleep 0.1
  done
  grep -q READY "$work/loadgen.out" || { echo "bench: load generator not ready:" >&2; cat "$work/loadgen.err" >&2; exit 1; }
  tcp_lines=$(($(cat /proc/net/tcp /proc/net/tcp6 | wc -l) - 2))

  declare -A times=() rss=() lines=()
  for rep in $(seq "$reps"); do
    # Every round must see the whole load: stop if the load generator lost connections.
    now=$(($(cat /proc/net/tcp /proc/net/tcp6 | wc -l) - 2))
    if ! kill -0 "$loadgen_pid" 2>/dev/null || [ "$now" -lt "$((2 * n))" ]; then
      echo "bench: the load is gone ($now sockets, expected >= $((2 * n))); load generator said:" >&2
      cat "$work/loadgen.out" "$work/loadgen.err" >&2
      exit 1
    fi
    for entry in "${tools[@]}"; do
      name="${entry%%|*}"; cmd="${entry#*|}"
      selected "$name" || continue
      rc=0
      /usr/bin/time -f '%e %M' -o "$work/time" timeout "$tool_timeout" bash -c "exec $cmd" > "$work/out" 2>/dev/null || rc=$?
      # portscope's 3 is a complete run whose answer misses what the kernel hid (a sandbox's pid 1): still timed
      if [ "$rc" = 0 ] || { [ "$rc" = 3 ] && [[ "$name" == portscope* ]]; }; then read -r t m < <(tail -1 "$work/time"); elif [ "$rc" = 124 ]; then t=timeout; m=-; else t="failed($rc)"; m=-; fi
      times[$name]+="$t "; rss[$name]+="$m "
      if [ "$name" = "psutil net_connections" ]; then lines[$name]="$(cat "$work/out")"; else lines[$name]="$(wc -l < "$work/out")"; fi
    done
  done
  cleanup; work="$(mktemp -d)"

  median() { tr ' ' '\n' | grep -E '^[0-9.]+$' | sort -g | awk '{v[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
  declare -A med=() medrss=()
  for entry in "${tools[@]}"; do
    name="${entry%%|*}"; selected "$name" || continue
    med[$name]="$(echo "${times[$name]}" | median)"
    medrss[$name]="$(echo "${rss[$name]}" | median)"
  done
  {
    echo
    echo "## N = $n connections ($tcp_lines lines in /proc/net/tcp{,6})"
    echo
    echo "| tool | median s | peak RSS MB | output lines | runs (s) | portscope ÷ tool (time) | target | RSS ratio |"
    echo "|---|---:|---:|---:|---|---:|---:|---:|"
    for entry in "${tools[@]}"; do
      name="${entry%%|*}"; selected "$name" || continue
      IFS='|' read -r ours target <<< "$(counterpart "$name")"
      ratio="" ; rssratio="" ; verdict=""
      if [ -n "$ours" ] && [ -n "${med[$ours]:-}" ] && [ "${med[$ours]}" != "-" ] && [ "${med[$name]}" != "-" ]; then
        ratio="$(awk -v a="${med[$ours]}" -v b="${med[$name]}" 'BEGIN {printf (b > 0 ? "%.2f" : "-"), a / b}')"
        rssratio="$(awk -v a="${medrss[$ours]}" -v b="${medrss[$name]}" 'BEGIN {printf (b > 0 ? "%.2f" : "-"), a / b}')"
        if [ -n "$target" ]; then
          verdict="≤ $target $(awk -v r="$ratio" -v t="$target" 'BEGIN {print (r <= t ? "met" : "missed")}')"
        fi
      fi
      mb="$(awk -v k="${medrss[$name]}" 'BEGIN {if (k == "-") print "-"; else printf "%.1f", k / 1024}')"
      echo "| \`$name\` | ${med[$name]} | $mb | ${lines[$name]} | ${times[$name]% } | ${ratio:+$ratio (vs \`$ours\`)} | $verdict | $rssratio |"
    done
  } | tee -a "$report"
  unset times rss lines med medrss
done
echo
echo "bench: written to $report"
