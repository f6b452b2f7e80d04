package dev.portscope.app;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.OwnerIndex;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.platform.Backend;
import dev.portscope.platform.BindAttempt;
import dev.portscope.platform.BindTrial;
import dev.portscope.platform.ConnectCalls;
import dev.portscope.platform.Credentials;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.KernelSettings;
import dev.portscope.platform.Namespaces;
import dev.portscope.platform.OwnerScan;
import dev.portscope.platform.Platform;
import dev.portscope.platform.PortSettings;
import dev.portscope.platform.ProcessSource;
import dev.portscope.platform.SocketCloser;
import dev.portscope.platform.SocketSource;
import dev.portscope.platform.TcpCounters;
import dev.portscope.platform.Terminal;
import dev.portscope.platform.TrialBinder;
import dev.portscope.query.SocketQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

/**
 * A platform read from a script (fixtures/scripted): sockets with keys that are not inodes, and
 * owners handed over with the sockets, as a platform that knows them directly does. It proves that
 * nothing above the platform seam needs Linux.
 */
final class ScriptedPlatform implements Platform, KernelSettings, Namespaces, TrialBinder, Credentials, Terminal {

    private final List<Socket> sockets = new ArrayList<>();
    private final OwnerIndex.Builder owners = new OwnerIndex.Builder();
    private final Map<Integer, ProcessInfo> processes = new HashMap<>();
    private final Map<Integer, String> users = new HashMap<>();

    ScriptedPlatform(Path script) {
        List<String> lines;
        try {
            lines = Files.readAllLines(script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long key = 1000;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f[0].equals("process")) {
                int pid = Integer.parseInt(f[1]);
                int uid = Integer.parseInt(f[4]);
                users.put(uid, f[5]);
                processes.put(pid, new ProcessInfo(pid, Integer.parseInt(f[2]), f[3], Arrays.asList(f[6].split(" ")), uid, f[5],
                        Instant.parse("2026-01-01T00:00:00Z")));
            } else {
                key += 7; // any identity will do; only the platform knows what it means
                IpFamily family = f[2].equals("ipv6") ? IpFamily.IPV6 : IpFamily.IPV4;
                sockets.add(new Socket(f[1].equals("tcp") ? Protocol.TCP : Protocol.UDP, family, endpoint(f[3]), endpoint(f[4]),
                        SocketState.valueOf(f[5]), Integer.parseInt(f[6]), key, Long.parseLong(f[7]), Long.parseLong(f[8]), null, null));
                if (!f[9].equals("-")) {
                    for (String pid : f[9].split(",")) {
                        owners.add(key, Integer.parseInt(pid));
                    }
                }
            }
        }
    }

    private static Endpoint endpoint(String text) {
        int colon = text.lastIndexOf(':');
        return new Endpoint(InetAddress.ofLiteral(text.substring(0, colon).replace("[", "").replace("]", "")),
                Integer.parseInt(text.substring(colon + 1)));
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public List<String> backendNames() {
        return List.of("auto");
    }

    @Override
    public Backend backend(String name, boolean details) {
        SocketSource source = new SocketSource() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public void scan(SocketQuery query, DiagnosticLog log, Consumer<Socket> sink) {
                sockets.forEach(sink);
            }
        };
        ProcessSource processSource = new ProcessSource() {
            @Override
            public OwnerScan scanOwners(LongPredicate wanted, DiagnosticLog log) {
                return new OwnerScan(owners.build());
            }

            @Override
            public Optional<ProcessInfo> describe(int pid, DiagnosticLog log) {
                return Optional.ofNullable(processes.get(pid));
            }

            @Override
            public ProcessOrigin origin(int pid) {
                return ProcessOrigin.NONE;
            }

            @Override
            public String userName(int uid) {
                return users.getOrDefault(uid, Integer.toString(uid));
            }
        };
        return new Backend("scripted", source, processSource);
    }

    @Override
    public SocketSource recorder(OutputStream recording, Instant time) {
        throw new IllegalArgumentException("a scripted platform cannot record");
    }

    @Override
    public Optional<String> hostName() {
        return Optional.of("scripted-host");
    }

    @Override
    public Optional<Path> servicesFile() {
        return Optional.empty();
    }

    @Override
    public KernelSettings kernelSettings() {
        return this;
    }

    @Override
    public Namespaces namespaces() {
        return this;
    }

    @Override
    public TrialBinder trialBinder() {
        return this;
    }

    @Override
    public Optional<ConnectCalls.Opener> connectCalls() {
        return Optional.empty();
    }

    @Override
    public Credentials credentials() {
        return this;
    }

    @Override
    public Terminal terminal() {
        return this;
    }

    @Override
    public SocketCloser socketCloser() {
        return SocketCloser.unsupported("a scripted platform cannot close sockets");
    }

    @Override
    public PortSettings portSettings() {
        return PortSettings.assumedDefaults();
    }

    @Override
    public OptionalInt maxAcceptQueue() {
        return OptionalInt.empty();
    }

    @Override
    public Optional<String> bootId() {
        return Optional.empty();
    }

    @Override
    public Optional<TcpCounters> tcpCounters(Clock clock, DiagnosticLog log) {
        return Optional.empty();
    }

    @Override
    public Optional<String> currentId() {
        return Optional.empty();
    }

    @Override
    public List<Socket> otherNamespaceSockets(SocketQuery query, Predicate<Socket> filter, DiagnosticLog log) {
        return List.of();
    }

    @Override
    public BindTrial attempt(BindAttempt attempt) {
        throw new UnsupportedOperationException("a scripted platform cannot bind");
    }

    @Override
    public BindTrial attemptAs(BindAttempt attempt, int uid) {
        return attempt(attempt);
    }

    @Override
    public OptionalInt effectiveUid() {
        return OptionalInt.of(0);
    }

    @Override
    public boolean mayBindPrivilegedPorts() {
        return true;
    }

    @Override
    public OptionalInt uidOf(String userName) {
        return users.entrySet().stream().filter(e -> e.getValue().equals(userName)).mapToInt(Map.Entry::getKey).findFirst();
    }

    @Override
    public String userDatabase() {
        return "the script";
    }

    @Override
    public int columns() {
        return 0;
    }
}
