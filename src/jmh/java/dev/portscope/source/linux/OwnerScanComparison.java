package dev.portscope.platform.linux;

import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.OwnerScan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Compares the ways of finding socket owners on this machine's live /proc, alternating them in one
 * loop (the machine is shared and noisy, so only ratios within a run mean something). Run it with a
 * load from bench/loadgen.py up; bench/jmh.sh runs it.
 *
 * <p>Usage: {@code OwnerScanComparison [rounds]} (default 7; the first round is warm-up and dropped).
 */
public final class OwnerScanComparison {

    private OwnerScanComparison() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        if (rounds < 2 || rounds > 1000) {
            throw new IllegalArgumentException("rounds in [2, 1000]");
        }
        Path proc = Path.of("/proc");
        Map<String, Supplier<OwnerScan>> ways = new LinkedHashMap<>();
        ways.put("java.nio, 1 thread", () -> new NioOwnerScanner(proc).scan(null, new DiagnosticLog()));
        for (int threads = 1; threads <= 2; threads++) {
            var scanner = new FdOwnerScanner(proc, new FdOwnerScanner.Settings(threads));
            ways.put("FFM readlinkat, " + threads + " thread" + (threads > 1 ? "s" : ""), () -> scanner.scan(null, new DiagnosticLog()));
        }
        Map<String, List<Long>> times = new LinkedHashMap<>();
        Map<String, List<Long>> cpu = new LinkedHashMap<>();
        Map<String, Integer> found = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (var way : ways.entrySet()) {
                long cpuStart = cpuNanos();
                long start = System.nanoTime();
                OwnerScan scan = way.getValue().get();
                long elapsed = System.nanoTime() - start;
                long cpuUsed = cpuNanos() - cpuStart;
                if (round > 0) {
                    times.computeIfAbsent(way.getKey(), k -> new ArrayList<>()).add(elapsed);
                    cpu.computeIfAbsent(way.getKey(), k -> new ArrayList<>()).add(cpuUsed);
                }
                found.put(way.getKey(), scan.owners().size());
            }
        }
        double baseline = median(times.get("java.nio, 1 thread"));
        double cpuBaseline = median(cpu.get("java.nio, 1 thread"));
        System.out.printf("| way | median wall ms | wall ÷ java.nio | median CPU ms (user+sys) | CPU ÷ java.nio | socket inodes found |%n"
                + "|---|---:|---:|---:|---:|---:|%n");
        for (var entry : times.entrySet()) {
            double m = median(entry.getValue());
            double c = median(cpu.get(entry.getKey()));
            System.out.printf("| %s | %.1f | %.2f | %.1f | %.2f | %d |%n",
                    entry.getKey(), m / 1e6, m / baseline, c / 1e6, c / cpuBaseline, found.get(entry.getKey()));
        }
    }

    /** CPU time of the whole process (all threads, user and system). */
    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
