package dev.portscope.cli;

import dev.portscope.model.Snapshot;
import dev.portscope.render.JsonEnvelope;
import picocli.CommandLine.IVersionProvider;

/** The version written into the jar's manifest by the build, and the header it gives JSON documents. */
public final class Version implements IVersionProvider {

    static String text() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }

    /** The {@code generator} of JSON documents: {@code portscope 0.1.0}. */
    static String generator() {
        return "portscope " + text();
    }

    /** The header of a JSON document about {@code snapshot}: read when and where it was taken. */
    static JsonEnvelope envelope(Snapshot snapshot) {
        return new JsonEnvelope(generator(), snapshot.time(), snapshot.host());
    }

    /** The header of a JSON document about no snapshot (a connect scan): now, on this machine. */
    static JsonEnvelope envelope(CliEnvironment env) {
        return new JsonEnvelope(generator(), env.clock().instant(), env.platform().hostName().orElse("localhost"));
    }

    @Override
    public String[] getVersion() {
        return new String[] {generator(), "Java " + Runtime.version()};
    }
}
