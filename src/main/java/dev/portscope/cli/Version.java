package dev.portscope.cli;

import picocli.CommandLine.IVersionProvider;

/** The version written into the jar's manifest by the build. */
public final class Version implements IVersionProvider {

    static String text() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"portscope " + text(), "Java " + Runtime.version()};
    }
}
