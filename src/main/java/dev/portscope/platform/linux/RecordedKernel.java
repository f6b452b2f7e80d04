package dev.portscope.platform.linux;

import dev.portscope.model.Diagnostic;
import dev.portscope.platform.DiagnosticLog;
import dev.portscope.platform.KernelSettings;
import dev.portscope.platform.PortSettings;
import dev.portscope.platform.TcpCounters;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The kernel settings a recording kept ({@code RecordingHeader}), read by the parser of the live ones. */
record RecordedKernel(Map<String, String> values) implements KernelSettings {

    RecordedKernel {
        values = Map.copyOf(values);
    }

    @Override
    public PortSettings portSettings() {
        return PortSysctls.fromValues(values);
    }

    @Override
    public OptionalInt maxAcceptQueue() {
        return PortSysctls.maxAcceptQueue(values);
    }

    @Override
    public Optional<TcpCounters> tcpCounters(Clock clock, DiagnosticLog log) {
        log.report(Diagnostic.Kind.NOTE, "TCP counters are not part of a recording: not read");
        return Optional.empty();
    }

    /** A recording's boot is not this machine's: nothing compares with it. */
    @Override
    public Optional<String> bootId() {
        return Optional.empty();
    }
}
