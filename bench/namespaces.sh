#!/usr/bin/env bash
# portscope -A across many network namespaces, against a plain listing of one namespace and against
# `for ns in ...; do ip netns exec $ns ss -tuanp; done`, alternating the commands within each round.
#
# Makes BENCH_NS named namespaces (default 50), each with loopback up and one python3 process holding
# BENCH_SOCKETS sockets there (default 100: 10 TCP listeners, 40 loopback connections = 80 sockets,
# 10 UDP sockets), then times BENCH_REPS rounds (default 5) of each command, whole process, and prints
# medians and ratios. Everything it made is removed on exit (trap). Needs root, iproute2, python3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NS=${BENCH_NS:-50}
SOCKETS=${BENCH_SOCKETS:-100}
REPS=${BENCH_REPS:-5}
PORTSCOPE=${PORTSCOPE:-$here/portscope}
prefix="psbench$$-"
[ "$(id -u)" = 0 ] || { echo "bench/namespaces.sh: needs root (ip netns add)" >&2; exit 2; }
command -v ip >/dev/null && command -v python3 >/dev/null || { echo "bench/namespaces.sh: needs iproute2 and python3" >&2; exit 2; }

holder='
import socket, sys, time
n = int(sys.argv[1]); listeners = max(1, n // 10); udp = max(1, n // 10); pairs = max(0, (n - listeners - udp) // 2)
held = []
for i in range(listeners):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(128); held.append(s)
for i in range(pairs):
    server = held[i % listeners]
    c = socket.create_connection(server.getsockname()); a, _ = server.accept(); held += [c, a]
for i in range(udp):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0)); held.append(u)
print("READY", flush=True)
time.sleep(900)
'
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for i in $(seq 1 "$NS"); do ip netns del "$prefix$i" 2>/dev/null || true; done
  rm -rf "$work"
}
work=$(mktemp -d)
trap cleanup EXIT
for i in $(seq 1 "$NS"); do
  ip netns add "$prefix$i"
  ip -n "$prefix$i" link set lo up
  ip netns exec "$prefix$i" python3 -c "$holder" "$SOCKETS" > "$work/ready.$i" 2>&1 &
  pids+=($!)
done
for i in $(seq 1 "$NS"); do
  for _ in $(seq 1 100); do grep -q READY "$work/ready.$i" 2>/dev/null && break; sleep 0.1; done
  grep -q READY "$work/ready.$i" || { echo "namespace $i not ready: $(cat "$work/ready.$i")" >&2; exit 1; }
done
names=$(seq -f "$prefix%g" 1 "$NS" | tr '\n' ' ')
"$PORTSCOPE" --version >/dev/null   # builds first when needed, outside the timings

declare -A commands=(
  [a-portscope-A]="$PORTSCOPE all -A -n"
  [b-portscope-A-proc]="$PORTSCOPE all -A -n --backend proc"
  [c-portscope-plain]="$PORTSCOPE all -n"
  [d-ss-loop]="for ns in $names; do ip netns exec \$ns ss -tuanp; done"
  [e-portscope-A-no-process]="$PORTSCOPE all -A -n --no-process"
  [f-portscope-A-proc-no-process]="$PORTSCOPE all -A -n --no-process --backend proc"
  [g-ss-loop-no-process]="for ns in $names; do ip netns exec \$ns ss -tuan; done"
)
order=$(printf '%s\n' "${!commands[@]}" | sort)
for round in $(seq 1 "$REPS"); do
  for name in $order; do
    start=$(date +%s%N)
    bash -c "${commands[$name]}" > "$work/out.$name" 2>/dev/null || true
    end=$(date +%s%N)
    echo "$name $(( (end - start) / 1000000 )) $(wc -l < "$work/out.$name")" >> "$work/times"
  done
done
python3 - "$work/times" "$NS" "$SOCKETS" "$REPS" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, ms, lines = line.split()
    rows.setdefault(name, []).append((int(ms), int(lines)))
med = {n: statistics.median(ms for ms, _ in r) for n, r in rows.items()}
print(f"{sys.argv[2]} namespaces x {sys.argv[3]} sockets, {sys.argv[4]} alternating rounds, median wall time of the whole process\n")
print("| command | median ms | lines | / plain listing | / ip netns exec ss loop |")
print("|---|---:|---:|---:|---:|")
for n in sorted(rows):
    print(f"| {n[2:]} | {med[n]:.0f} | {rows[n][-1][1]} | {med[n] / med['c-portscope-plain']:.2f} | {med[n] / med['d-ss-loop']:.2f} |")
PY
