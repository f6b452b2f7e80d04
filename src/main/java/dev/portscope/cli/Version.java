package dev.portscope.cli;

import dev.portscope.model.Snapshot;
import dev.portscope.render.JsonEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.IVersionProvider;

/**
 * The version written into the jar's manifest by the build, the commit the build wrote beside the
 * classes ({@code build-info.properties}), and the header they give JSON documents.
 */
public final class Version implements IVersionProvider {

    static String text() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }

    /** The commit the build was made from ({@code -dirty} when it had changes), or {@code unknown}. */
    static String commit() {
        try (InputStream in = Version.class.getResourceAsStream("build-info.properties")) {
            if (in == null) {
                return "unknown";
            }
            // one line, commit=<id>: read by hand, as java.util.Properties would load its classes for it
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("commit=") && line.length() > "commit=".length()) {
                    return line.substring("commit=".length()).strip();
                }
            }
            return "unknown";
        } catch (IOException e) {
            return "unknown";
        }
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
        return new String[] {generator(), "commit " + commit(), "Java " + Runtime.version()};
    }
}
