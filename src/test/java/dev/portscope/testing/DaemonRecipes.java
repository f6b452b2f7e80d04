package dev.portscope.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How to start sshd, redis-server, memcached, PostgreSQL and dnsmasq as throw-away servers on 127.0.0.1, each in a
 * temporary directory with its own configuration, as the user it accepts. A test that needs a
 * program this machine lacks is skipped (CI installs them: see .ci/run).
 */
public final class DaemonRecipes {

    private static final boolean ROOT = new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private DaemonRecipes() {}

    /**
     * OpenSSH's server with a fresh host key and a configuration of its own, in the foreground,
     * logging to stderr. Run as root, sshd insists on its privilege-separation directory
     * ({@code /run/sshd}, made by the service manager); unprivileged it needs none, and the probe
     * reads only its banner, so as root it is started as nobody.
     */
    public static Daemon sshd() throws Exception {
        Path sshd = Path.of("/usr/sbin/sshd"); // sshd re-executes itself, so it must be started by its absolute path
        Path keygen = Path.of("/usr/bin/ssh-keygen");
        assumeTrue(Files.isExecutable(sshd) && Files.isExecutable(keygen), "openssh-server is not installed");
        assumeTrue(!ROOT || Files.isExecutable(SETPRIV), "needs setpriv (util-linux) to leave root");
        Path dir = Files.createTempDirectory("portscope-sshd");
        try {
            Path key = dir.resolve("host_ed25519");
            run(List.of(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-f", key.toString()), dir);
            Path config = dir.resolve("sshd_config");
            Files.writeString(config, "HostKey " + key + "\nPidFile none\nUsePAM no\n", StandardCharsets.UTF_8);
            if (ROOT) {
                chownTree(dir, "nobody", "nogroup");
            }
            return Daemon.start(dir, port -> as(ROOT ? "nobody:nogroup" : null, List.of(sshd.toString(), "-D", "-e", "-f", config.toString(),
                    "-p", Integer.toString(port), "-o", "ListenAddress=127.0.0.1")));
        } catch (Exception | Error e) {
            Daemon.removeTree(dir);
            throw e;
        }
    }

    /** redis-server on loopback, without persistence, in the foreground. */
    public static Daemon redis() throws Exception {
        Optional<Path> redis = onPath("redis-server");
        assumeTrue(redis.isPresent(), "redis-server is not installed");
        Path dir = Files.createTempDirectory("portscope-redis");
        return Daemon.start(dir, port -> List.of(redis.get().toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString()));
    }

    /**
     * memcached on loopback, TCP only ({@code -U 0}), in the foreground. As root it must be told a
     * user to become, so it runs as nobody.
     */
    public static Daemon memcached() throws Exception {
        Optional<Path> memcached = onPath("memcached");
        assumeTrue(memcached.isPresent(), "memcached is not installed");
        Path dir = Files.createTempDirectory("portscope-memcached");
        return Daemon.start(dir, port -> {
            List<String> command = new ArrayList<>(List.of(memcached.get().toString(), "-l", "127.0.0.1", "-p", Integer.toString(port), "-U", "0",
                    "-m", "8", "-c", "64"));
            if (ROOT) {
                command.addAll(List.of("-u", "nobody"));
            }
            return command;
        });
    }

    /**
     * dnsmasq as a DNS server on loopback (UDP and TCP on one port), without upstream servers,
     * {@code /etc/hosts} or configuration file, in the foreground: it answers {@code version.bind}
     * itself. Debian's dnsmasq-base is enough (no service).
     */
    public static Daemon dnsmasq() throws Exception {
        Path dnsmasq = Path.of("/usr/sbin/dnsmasq");
        assumeTrue(Files.isExecutable(dnsmasq), "dnsmasq is not installed");
        Path dir = Files.createTempDirectory("portscope-dnsmasq");
        return Daemon.start(dir, port -> List.of(dnsmasq.toString(), "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces",
                "--no-daemon", "--no-resolv", "--no-hosts", "--conf-file=/dev/null", "--pid-file=", "--cache-size=0"));
    }

    /**
     * A PostgreSQL cluster made by initdb in a temporary directory, served by {@code postgres} on
     * loopback with its Unix socket in that directory. PostgreSQL refuses to run as root, so as root
     * both run as the user postgres.
     */
    public static Daemon postgres() throws Exception {
        Optional<Path> bin = postgresBin();
        assumeTrue(bin.isPresent(), "PostgreSQL (initdb, postgres) is not installed");
        String user = ROOT ? "postgres:postgres" : null;
        if (ROOT) {
            assumeTrue(Files.isExecutable(SETPRIV), "needs setpriv (util-linux) to leave root");
            assumeTrue(userExists("postgres"), "no user postgres");
        }
        Path dir = Files.createTempDirectory("portscope-postgres");
        try {
            if (ROOT) {
                chownTree(dir, "postgres", "postgres");
            }
            Path data = dir.resolve("data");
            run(as(user, List.of(bin.get().resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                    "--no-sync", "-E", "UTF8", "--locale=C")), dir);
            return Daemon.start(dir, port -> as(user, List.of(bin.get().resolve("postgres").toString(), "-D", data.toString(),
                    "-k", dir.toString(), "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off")));
        } catch (Exception | Error e) {
            Daemon.removeTree(dir);
            throw e;
        }
    }

    /**
     * {@code command} run as {@code userAndGroup} ({@code nobody:nogroup}) through setpriv, which
     * executes it in place: the pid stays the daemon's. Unchanged when null.
     */
    private static List<String> as(String userAndGroup, List<String> command) {
        if (userAndGroup == null) {
            return command;
        }
        String[] names = userAndGroup.split(":");
        List<String> full = new ArrayList<>(List.of(SETPRIV.toString(), "--reuid=" + names[0], "--regid=" + names[1], "--init-groups", "--"));
        full.addAll(command);
        return full;
    }

    /** The directory of the newest PostgreSQL holding both initdb and postgres (Debian keeps them out of PATH). */
    private static Optional<Path> postgresBin() throws IOException {
        List<Path> candidates = new ArrayList<>();
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing((Path p) -> versionOf(p.getParent().getFileName().toString())).reversed())
                        .forEach(candidates::add);
            }
        }
        onPath("postgres").ifPresent(p -> candidates.add(p.getParent()));
        return candidates.stream().filter(d -> Files.isExecutable(d.resolve("postgres")) && Files.isExecutable(d.resolve("initdb"))).findFirst();
    }

    private static int versionOf(String name) {
        return name.matches("\\d+") ? Integer.parseInt(name) : 0;
    }

    private static Optional<Path> onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(d, program);
            if (!d.isEmpty() && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static boolean userExists(String name) throws IOException {
        return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith(name + ":"));
    }

    private static void chownTree(Path dir, String user, String group) throws IOException {
        UserPrincipalLookupService names = dir.getFileSystem().getUserPrincipalLookupService();
        var owner = names.lookupPrincipalByName(user);
        var ownerGroup = names.lookupPrincipalByGroupName(group);
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                view.setOwner(owner);
                view.setGroup(ownerGroup);
            }
        }
    }

    /** Runs a preparation step (at most 2 minutes); its output is quoted when it fails. */
    private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
        Path log = Files.createTempFile("portscope-step", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(command + " did not finish within 2 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed with exit " + p.exitValue() + ":\n" + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
