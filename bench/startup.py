#!/usr/bin/env python3
"""Start-up of portscope against `java -version` of the same runtime, whole processes alternated.

Each round runs every command once, in turn, so a noisy neighbour slows all of them alike; the
median of each is compared with the first command's (the floor). Output to /dev/null. Wall time,
and CPU time (user + system of the process and its children, from wait4), which a loaded machine
inflates less than the wall time.
    bench/startup.py [--reps N] [--warmup N] NAME=COMMAND ...
A COMMAND is split on spaces (no quoting). Prints a markdown table.
"""
import argparse
import os
import statistics
import subprocess
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("commands", nargs="+", help="NAME=COMMAND; the first is the reference")
    args = parser.parse_args()
    commands = []
    for spec in args.commands:
        name, _, command = spec.partition("=")
        commands.append((name, command.split()))
    times = {name: [] for name, _ in commands}
    cpu = {name: [] for name, _ in commands}
    for round_no in range(args.warmup + args.reps):
        for name, argv in commands:
            start = time.perf_counter()
            child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
            child.returncode = os.waitstatus_to_exitcode(status)
            code = child.returncode
            if code not in (0, 3):
                raise SystemExit(f"{name}: exit {code} from {' '.join(argv)}")
            if round_no >= args.warmup:
                times[name].append(elapsed)
                cpu[name].append(usage.ru_utime + usage.ru_stime)
    first = commands[0][0]
    reference = statistics.median(times[first])
    cpu_reference = statistics.median(cpu[first])
    print(f"| command | wall median ms | min ms | max ms | wall ÷ {first} | CPU median ms | CPU ÷ {first} |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, _ in commands:
        t = times[name]
        median = statistics.median(t)
        c = statistics.median(cpu[name])
        print(f"| {name} | {median * 1000:.1f} | {min(t) * 1000:.1f} | {max(t) * 1000:.1f} | {median / reference:.2f}"
              f" | {c * 1000:.1f} | {c / cpu_reference:.2f} |")


if __name__ == "__main__":
    main()
