#!/usr/bin/env python3
"""Start-up of portscope against `java -version` of the same runtime, whole processes alternated.

Each round runs every command once, in turn, so a noisy neighbour slows all of them alike; the
median of each is compared with the first command's (the floor). Output to /dev/null.
    bench/startup.py [--reps N] [--warmup N] NAME=COMMAND ...
A COMMAND is split on spaces (no quoting). Prints a markdown table.
"""
import argparse
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
    for round_no in range(args.warmup + args.reps):
        for name, argv in commands:
            start = time.perf_counter()
            code = subprocess.call(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elapsed = time.perf_counter() - start
            if code not in (0, 3):
                raise SystemExit(f"{name}: exit {code} from {' '.join(argv)}")
            if round_no >= args.warmup:
                times[name].append(elapsed)
    reference = statistics.median(times[commands[0][0]])
    print("| command | median ms | min ms | max ms | ÷ " + commands[0][0] + " |")
    print("|---|---:|---:|---:|---:|")
    for name, _ in commands:
        t = times[name]
        median = statistics.median(t)
        print(f"| {name} | {median * 1000:.1f} | {min(t) * 1000:.1f} | {max(t) * 1000:.1f} | {median / reference:.2f} |")


if __name__ == "__main__":
    main()
