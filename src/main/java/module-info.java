/**
 * portscope: which ports are in use on this machine, by whom, and is that right.
 *
 * <p>The one exported package, {@link dev.portscope.api}, is the library: {@link dev.portscope.api.PortScope}
 * and the immutable records it returns. Everything else (the model, the platform backends, the
 * analyses, the renderers and the command line) is internal and may change in any release.
 *
 * <p>The command line runs on the class path (the launcher's start-up cache wants it there), where
 * this descriptor is not read; on the module path it is. picocli is compiled into this module from its
 * sources (see the pom), so its reflection on the commands stays inside the module and needs no
 * {@code opens}.
 */
module dev.portscope {
    exports dev.portscope.api;

    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind; // events' JSON lines are read back with a tree model
    requires com.fasterxml.jackson.dataformat.csv;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml; // the policy parser's loader options
    requires java.management; // the engine's and the server's own memory and uptime

    // Loaded only by `portscope top` and `portscope serve`: a library user does not need them.
    requires static org.jline.terminal;
    requires static io.prometheus.metrics.core;
    requires static io.prometheus.metrics.model;
    requires static io.prometheus.metrics.config;
    requires static io.prometheus.writer.text;
}
