#!/usr/bin/env python3
"""Opens N loopback TCP connections for portscope's benchmark, prints READY, holds them, exits.

Both ends of every connection live in worker processes (a connection is two sockets), each worker
holding at most what RLIMIT_NOFILE allows. Client ends bind to 127.0.0.2..127.0.0.254 in turn, so
each source address needs only a few hundred ephemeral ports (net.ipv4.ip_local_port_range is left
alone). Listeners are opened by the parent before the workers fork, so each listener is shared by
every process (as in a pre-forking server).

Bounded: every process exits by itself after --timeout seconds (SIGALRM), and on SIGTERM/SIGINT
the parent ends its workers. Traffic stays on loopback.

Usage: loadgen.py --connections 10000 [--listeners 3] [--timeout 600]
"""
import argparse
import os
import resource
import signal
import socket
import struct
import sys
import time

NO_LINGER = struct.pack("ii", 1, 0)  # struct linger {l_onoff = 1, l_linger = 0}
FD_RESERVE = 64  # stdio, listeners, the readiness pipe, the interpreter's own files


def raise_fd_limit():
    """Raises the soft RLIMIT_NOFILE to the hard limit (getrlimit(2)); returns the new soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        hard = 1 << 20
    if soft != hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def worker(listeners, count, first, ready_fd, deadline):
    """Connects `count` clients round-robin to the listeners and accepts as many; holds them."""
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.signal(signal.SIGALRM, lambda *_: os._exit(0))
    signal.alarm(max(1, int(deadline - time.time())))
    held = []
    ports = [listener.getsockname() for listener in listeners]
    for i in range(first, first + count):
        client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        client.bind(("127.0.0.%d" % (2 + i % 253), 0))
        listener = listeners[i % len(listeners)]
        client.connect(ports[i % len(listeners)])
        # Accept right away: the accept queue never fills, so connect(2) never waits for a SYN retry.
        # With listeners shared by all workers, this may take another worker's connection: each worker
        # still ends up holding `count` accepted sockets, and the total is N.
        accepted, _ = listener.accept()
        # SO_LINGER {on, 0} (socket(7)): closing resets the connection instead of leaving 2N sockets in
        # TIME-WAIT for a minute, where they would be counted by the next run.
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, NO_LINGER)
        accepted.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, NO_LINGER)
        held.append(client)
        held.append(accepted)
    os.write(ready_fd, b"1")
    os.close(ready_fd)
    while True:
        signal.pause()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, required=True)
    parser.add_argument("--listeners", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=600, help="seconds after which everything exits")
    args = parser.parse_args()
    if args.connections < 0 or args.listeners < 1 or args.timeout < 1:
        parser.error("connections >= 0, listeners >= 1, timeout >= 1")

    deadline = time.time() + args.timeout
    limit = raise_fd_limit()
    per_worker = max(1, (limit - FD_RESERVE - args.listeners) // 2)
    listeners = []
    for _ in range(args.listeners):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(4096)  # capped by net.core.somaxconn
        listeners.append(listener)

    workers = []

    def stop(*_):
        for pid in workers:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid in workers:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGALRM, stop)
    signal.alarm(args.timeout)

    read_end, write_end = os.pipe()
    first = 0
    while first < args.connections:
        count = min(per_worker, args.connections - first)
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            try:
                worker(listeners, count, first, write_end, deadline)
            finally:
                os._exit(1)
        workers.append(pid)
        first += count
    os.close(write_end)

    ready = 0
    while ready < len(workers):
        got = os.read(read_end, 64)
        if not got:
            print("loadgen: a worker failed before it was ready", file=sys.stderr, flush=True)
            stop()
        ready += len(got)
    ports = ",".join(str(listener.getsockname()[1]) for listener in listeners)
    print("READY connections=%d workers=%d listeners=%s parent=%d" % (args.connections, len(workers), ports, os.getpid()),
          flush=True)
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
