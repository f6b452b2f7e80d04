package dev.portscope.analysis.probe;

import dev.portscope.model.AddressText;
import dev.portscope.model.Diagnostic;
import dev.portscope.model.IpFamily;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The ports whose probes did not finish in time, said once: the answer lacks what they speak. Pure. */
public final class ProbeTimeouts {

    /** Addresses named in the message; the rest are counted. */
    private static final int NAMED = 10;

    private ProbeTimeouts() {}

    /**
     * {@code probes of 2 ports timed out, so what they speak is unknown: 127.0.0.1:8080, 127.0.0.1:9000},
     * or empty when every probe finished.
     */
    public static Optional<Diagnostic> of(Collection<ProbeResult> results) {
        List<String> ports = results.stream().filter(r -> r.detection().timedOut()).map(ProbeTimeouts::where).toList();
        if (ports.isEmpty()) {
            return Optional.empty();
        }
        String named = String.join(", ", ports.subList(0, Math.min(NAMED, ports.size())))
                + (ports.size() > NAMED ? " and " + (ports.size() - NAMED) + " more" : "");
        return Optional.of(new Diagnostic(Diagnostic.Kind.TIMED_OUT, "probes of " + ports.size() + (ports.size() == 1 ? " port" : " ports")
                + " timed out, so what " + (ports.size() == 1 ? "it speaks" : "they speak") + " is unknown: " + named));
    }

    private static String where(ProbeResult r) {
        var a = r.target().address().getAddress();
        String port = r.target().port() + (r.target().protocol() == dev.portscope.model.Protocol.UDP ? "/udp" : "");
        return a.getAddress().length == 16 ? "[" + AddressText.of(a, IpFamily.IPV6) + "]:" + port : AddressText.of(a, IpFamily.IPV4) + ":" + port;
    }
}
