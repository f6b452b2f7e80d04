package dev.portscope.cli;

import dev.portscope.analysis.audit.Policy;
import dev.portscope.app.Session;
import dev.portscope.query.IpLiteral;
import dev.portscope.serve.BearerToken;
import dev.portscope.serve.Limits;
import dev.portscope.serve.ServeSettings;
import dev.portscope.serve.Server;
import dev.portscope.serve.TlsFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Serves Prometheus metrics (/metrics), a JSON API (/api/v1/listeners, /connections, /who/PORT, /audit, "
                + "/events) and a live page (/), read-only, until stopped.",
            "Loopback only unless --listen says otherwise, and then with the bearer token of --token-file."})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    PortscopeCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    SourceOptions source;

    @Option(names = "--listen", paramLabel = "ADDR:PORT",
            description = "Where to serve (default: 127.0.0.1:${DEFAULT-VALUE}); an address beyond loopback needs --token-file.")
    String listen = "127.0.0.1:" + ServeSettings.DEFAULT_PORT;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the bearer token every client must send (Authorization: Bearer TOKEN).")
    Path tokenFile;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "Serve HTTPS with this PEM certificate chain (with --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The certificate's private key: PEM, PKCS#8 or PKCS#1 RSA, unencrypted.")
    Path tlsKey;

    @Option(names = "--policy", paramLabel = "FILE", description = "The audit policy of the findings served (as audit --policy).")
    Path policy;

    @Option(names = "--max-series", paramLabel = "N",
            description = "The most series of listeners, accept queues and processes in one scrape (default: ${DEFAULT-VALUE}).")
    int maxSeries = ServeSettings.DEFAULT_MAX_SERIES;

    @Option(names = "--max-clients", paramLabel = "N", description = "Connections served at once (default: ${DEFAULT-VALUE}).")
    int maxClients = Limits.DEFAULT.maxClients();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (source.noProcess) {
            throw new UsageException("serve always looks up the processes holding sockets: leave out --no-process");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new UsageException("--tls-cert and --tls-key go together");
        }
        if (maxClients < 2 || maxClients > 10_000) {
            throw new UsageException("--max-clients must be between 2 and 10000");
        }
        InetSocketAddress address = parseListen(listen);
        ServeSettings settings;
        try {
            Optional<BearerToken> token = tokenFile == null ? Optional.empty() : Optional.of(BearerToken.read(tokenFile));
            Optional<Policy> rules = policy == null ? Optional.empty() : Optional.of(AuditFiles.policy(policy));
            settings = ServeSettings.loopback(ServeSettings.DEFAULT_PORT, Version.generator())
                    .withListen(address, token)
                    .withPolicy(rules)
                    .withMaxSeries(maxSeries)
                    .withLimits(Limits.DEFAULT.withMaxClients(maxClients));
            if (tlsCert != null) {
                settings = settings.withTls(TlsFiles.context(tlsCert, tlsKey));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (AuditFiles.UnusableFileException e) {
            throw new UsageException(e.getMessage());
        }
        Session session = Sessions.open(source, parent.env());
        Server server;
        try {
            server = Server.start(session, settings, err);
        } catch (IOException e) {
            err.println("portscope: cannot serve on " + listen + ": " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        Thread stop = new Thread(server::close, "portscope-serve-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        InetSocketAddress bound = server.address();
        String host = bound.getAddress().getHostAddress();
        String url = (settings.tls() == null ? "http" : "https") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + bound.getPort() + "/";
        out.println("portscope: serving " + url + " (metrics: " + url + "metrics, API: " + url + "api/v1/)");
        out.flush();
        server.awaitClose();
        return ExitCodes.OK;
    }

    /** {@code 127.0.0.1:9309}, {@code [::1]:9309}, {@code 0.0.0.0:9309}; never a name (no DNS query). */
    static InetSocketAddress parseListen(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || (text.startsWith("[") != (colon > 0 && text.charAt(colon - 1) == ']'))) {
            throw new UsageException("--listen wants ADDR:PORT (127.0.0.1:9309, [::1]:9309, 0.0.0.0:9309), not '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.contains(":") && !host.startsWith("[")) {
            throw new UsageException("--listen wants ADDR:PORT, an IPv6 address in brackets ([::1]:9309), not '" + text + "'");
        }
        String port = text.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw new UsageException("--listen: '" + port + "' is not a port (0 to 65535)");
        }
        InetAddress address;
        try {
            address = IpLiteral.parse(host);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--listen: " + e.getMessage());
        }
        return new InetSocketAddress(address, Integer.parseInt(port));
    }
}
