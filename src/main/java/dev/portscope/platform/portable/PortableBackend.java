package dev.portscope.platform.portable;

import dev.portscope.platform.Backend;
import java.util.function.BooleanSupplier;
import oshi.SystemInfo;
import oshi.software.os.OperatingSystem;

/**
 * Builds the portable backend: one OSHI {@link SystemInfo} (which loads JNA and the system's native
 * bindings) shared by the socket and the process source. Called only when the backend is chosen, so
 * that a Linux run on its native backend loads none of OSHI.
 */
public final class PortableBackend {

    private PortableBackend() {}

    public static Backend create(SystemKind system) {
        OperatingSystem os = new SystemInfo().getOperatingSystem();
        ConnectionReads reads = new ConnectionReads(() -> os.getInternetProtocolStats().getConnections(), system);
        BooleanSupplier elevated = os::isElevated;
        return new Backend("portable", new PortableSocketSource(reads, elevated), new PortableProcessSource(reads, os, elevated));
    }
}
