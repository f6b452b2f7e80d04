package dev.portscope.serve;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /metrics}: the collection's families ({@link Metrics}) and the exporter's own, in the
 * Prometheus text format, or OpenMetrics when the scraper's {@code Accept} asks for it (as
 * Prometheus does). A failed collection still answers, with {@code portscope_collection_success 0},
 * so that the alert on it can fire.
 */
final class MetricsEndpoint {

    private final Collector collector;
    private final Metrics metrics;
    private final int maxSeries;
    private final String version;
    private final PrintWriter log;
    private final PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
    private final OpenMetricsTextFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();
    private final Counter dropped = Counter.builder().name("portscope_series_dropped")
            .help("Series left out of scrapes because the exposition reached --max-series, by metric family.")
            .labelNames("metric").withoutExemplars().build();

    MetricsEndpoint(Collector collector, Metrics metrics, int maxSeries, String version, PrintWriter log) {
        this.collector = collector;
        this.metrics = metrics;
        this.maxSeries = maxSeries;
        this.version = version;
        this.log = log;
        for (String family : List.of(Metrics.LISTENER + "_info", Metrics.ACCEPT_QUEUE, Metrics.ACCEPT_QUEUE_LIMIT,
                Metrics.PROCESS_CONNECTIONS, Metrics.PROCESS_CLOSE_WAIT)) {
            dropped.initLabelValues(family);
        }
    }

    void handle(HttpRequest request, Exchange exchange) throws IOException {
        String accept = request.header("accept").orElse("");
        ExpositionFormatWriter writer = openMetrics.accepts(accept) ? openMetrics : text;
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        writer.write(body, scrape(), EscapingScheme.fromAcceptHeader(accept));
        exchange.send(200, writer.getContentType(), body.toByteArray());
    }

    /** Collects (or takes the cached collection) and makes every family of one exposition. */
    MetricSnapshots scrape() {
        List<MetricSnapshot> families = new ArrayList<>();
        families.add(InfoSnapshot.builder().name("portscope_build").help("The version of portscope serving these metrics.")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of("version", version)).build()).build());
        boolean success;
        try {
            Collection collection = collector.current();
            SeriesBudget budget = new SeriesBudget(maxSeries);
            families.addAll(metrics.of(collection, budget));
            budget.dropped().forEach((family, n) -> dropped.labelValues(family).inc(n));
            success = true;
        } catch (Collector.CollectionFailed e) {
            log.println("portscope: warning: " + e.getMessage());
            log.flush();
            success = false;
        }
        families.add(Metrics.gauge("portscope_collection_success", null,
                "1 when the sockets of this scrape could be collected, 0 when collecting failed (see the server's log).",
                success ? 1 : 0));
        families.add(counter("portscope_collections", "Collections taken (a collection serves every scrape within the cache's lifetime).",
                collector.collections()));
        families.add(counter("portscope_collection_errors", "Collections that failed.", collector.failures()));
        families.add(dropped.collect());
        families.add(Metrics.gauge("portscope_series_limit", null,
                "The most series of listeners, accept queues and processes one scrape holds (--max-series).", maxSeries));
        return new MetricSnapshots(families);
    }

    private static CounterSnapshot counter(String name, String help, long value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }
}
