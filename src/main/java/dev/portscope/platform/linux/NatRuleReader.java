package dev.portscope.platform.linux;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.PortForward;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.linux.netlink.NatChains;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Reads the destination NAT rules by running the tools that print them: {@code nft -j list ruleset}
 * (nftables' own rules: Docker's nftables backend, netavark) and {@code iptables-save -t nat} in its
 * nft and legacy flavours, for IPv4 and IPv6 (Docker's and CNI's rules). Binaries are run by absolute
 * path, without a shell, with a time limit and a cap on what they print. The legacy tools run only
 * when the kernel already has a legacy {@code nat} table ({@code /proc/net/ip_tables_names}): asking
 * for one would load its module. No tool runs at all when the kernel says, by one netlink dump, that
 * no {@code nat} chain exists ({@link NatChains}) and there is no legacy {@code nat} table either:
 * then no rule can publish a port, and starting the tools would cost ~180 ms.
 */
final class NatRuleReader {

    private static final List<String> BINARY_DIRECTORIES = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");
    private static final Duration TIME_LIMIT = Duration.ofSeconds(5);
    private static final int MAX_OUTPUT_BYTES = 32 << 20;

    private final Path procRoot;
    private final Path binaryRoot;
    private final Supplier<Optional<Boolean>> natChainsExist;

    /** As below, with no way to ask the kernel first: the tools always run. */
    NatRuleReader(Path procRoot, Path binaryRoot) {
        this(procRoot, binaryRoot, Optional::empty);
    }

    /**
     * @param binaryRoot     where {@code /usr/sbin} and the others are: {@code /} but in tests
     * @param natChainsExist whether the kernel has a {@code nat} chain; empty when it would not say
     */
    NatRuleReader(Path procRoot, Path binaryRoot, Supplier<Optional<Boolean>> natChainsExist) {
        this.procRoot = procRoot;
        this.binaryRoot = binaryRoot;
        this.natChainsExist = natChainsExist;
    }

    /** One tool to run, and how to read what it prints. */
    private record Job(Path binary, List<String> arguments, String label, java.util.function.Function<byte[], List<PortForward>> parser) {}

    /**
     * Each rule once (a rule iptables-nft made may be seen through two tools); the log gets one note
     * for what failed. The tools run side by side: the slowest ({@code nft -j}) sets the time.
     */
    List<PortForward> read(DiagnosticLog log) {
        return start(log).get();
    }

    /**
     * Starts the tools (each has exec'd its binary, closing this process's descriptors, when this
     * returns) and gives what waits for them and reads their rules.
     */
    Supplier<List<PortForward>> start(DiagnosticLog log) {
        if (!legacyNatTableExists("ip") && !legacyNatTableExists("ip6") && natChainsExist.get().equals(Optional.of(false))) {
            return List::of; // no nat chain, no legacy nat table: no rule publishes a port
        }
        List<Job> jobs = new ArrayList<>();
        binary("nft").ifPresent(nft -> jobs.add(new Job(nft, List.of("-j", "list", "ruleset"), "nft -j", NftNatParser::parse)));
        for (String family : List.of("ip", "ip6")) {
            for (String flavour : List.of("nft", "legacy")) {
                String tool = family + "tables-" + flavour + "-save";
                if (flavour.equals("legacy") && !legacyNatTableExists(family)) {
                    continue;
                }
                Optional<Path> save = binary(tool);
                if (save.isEmpty() && flavour.equals("nft")) {
                    save = binary(family + "tables-save"); // a distribution with one flavour only
                }
                String name = family + "tables-" + flavour;
                save.ifPresent(binary -> jobs.add(new Job(binary, List.of("-t", "nat"), tool,
                        out -> IptablesNatParser.parse(new String(out, StandardCharsets.UTF_8), name))));
            }
        }
        if (!jobs.isEmpty() && !ProcessCredentials.mayReadFirewall(procRoot).orElse(true)) {
            // nft and iptables-save would only say "Operation not permitted": not worth starting them
            log.report(Diagnostic.Kind.NOTE, "NAT rules not read: nft and iptables-save need root (CAP_NET_ADMIN); "
                    + "ports published by NAT rules alone (no socket on this machine) are not shown");
            return List::of;
        }
        if (jobs.isEmpty()) {
            log.report(Diagnostic.Kind.NOTE, "NAT rules not read: neither nft nor iptables-save is installed; "
                    + "ports published by NAT rules alone (no socket on this machine) are not shown");
            return List::of;
        }
        List<String> failures = new ArrayList<>();
        List<Running> running = new ArrayList<>();
        for (Job job : jobs) {
            Running r = start(job, failures);
            if (r != null) {
                running.add(r);
            }
        }
        return () -> finish(running, failures, log);
    }

    private static List<PortForward> finish(List<Running> running, List<String> failures, DiagnosticLog log) {
        Set<PortForward> forwards = new LinkedHashSet<>();
        for (Running r : running) {
            finish(r, failures).ifPresent(out -> {
                try {
                    forwards.addAll(r.job().parser().apply(out));
                } catch (IllegalArgumentException e) {
                    failures.add(r.job().label() + ": " + e.getMessage());
                }
            });
        }
        boolean refused = !failures.isEmpty() && failures.stream().allMatch(f -> f.contains("not permitted") || f.contains("Permission denied"));
        if (refused && forwards.isEmpty()) {
            log.report(Diagnostic.Kind.NOTE, "NAT rules not read: nft and iptables-save need root (CAP_NET_ADMIN); "
                    + "ports published by NAT rules alone (no socket on this machine) are not shown");
        } else if (!failures.isEmpty()) {
            log.report(Diagnostic.Kind.NOTE, "NAT rules not all read (" + String.join("; ", failures)
                    + "): ports published by those rules alone (no socket on this machine) may be missing");
        }
        return List.copyOf(forwards);
    }

    private boolean legacyNatTableExists(String family) {
        try {
            String names = Files.readString(procRoot.resolve("net").resolve(family.equals("ip") ? "ip_tables_names" : "ip6_tables_names"));
            return names.lines().anyMatch("nat"::equals);
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<Path> binary(String name) {
        for (String dir : BINARY_DIRECTORIES) {
            Path path = binaryRoot.resolve(dir.substring(1)).resolve(name);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    private record Running(Job job, Process process, CompletableFuture<byte[]> out, CompletableFuture<byte[]> err) {}

    private static Running start(Job job, List<String> failures) {
        List<String> command = new ArrayList<>();
        command.add(job.binary().toString());
        command.addAll(job.arguments());
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            return new Running(job, process,
                    CompletableFuture.supplyAsync(() -> readCapped(process.getInputStream(), MAX_OUTPUT_BYTES + 1)),
                    CompletableFuture.supplyAsync(() -> readCapped(process.getErrorStream(), 4096)));
        } catch (IOException e) {
            failures.add(job.label() + ": " + e.getMessage());
            return null;
        }
    }

    /** What the tool printed, or empty with a failure said (its first line of error, a time-out). */
    private static Optional<byte[]> finish(Running r, List<String> failures) {
        String label = r.job().label();
        Process process = r.process();
        try {
            if (!process.waitFor(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                failures.add(label + ": no answer within " + TIME_LIMIT.toSeconds() + " s");
                return Optional.empty();
            }
            byte[] out = r.out().get(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            if (out.length > MAX_OUTPUT_BYTES) {
                failures.add(label + ": more than " + (MAX_OUTPUT_BYTES >> 20) + " MiB of rules");
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                String message = new String(r.err().get(1, TimeUnit.SECONDS), StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
                failures.add(label + ": exit " + process.exitValue() + (message.isEmpty() ? "" : " (" + message + ")"));
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(label + ": interrupted");
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            failures.add(label + ": its output did not end"); // a child of the tool kept the pipe open
            return Optional.empty();
        } finally {
            process.destroyForcibly();
        }
    }

    /** Up to {@code max} bytes; what follows is drained so the tool is not left blocked on a full pipe. */
    private static byte[] readCapped(InputStream in, int max) {
        try (in) {
            byte[] bytes = in.readNBytes(max);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return bytes;
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
