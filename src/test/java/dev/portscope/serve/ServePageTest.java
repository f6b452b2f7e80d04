package dev.portscope.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.app.Session;
import dev.portscope.app.SessionSetup;
import dev.portscope.platform.Platforms;
import dev.portscope.testing.HeadlessChromium;
import dev.portscope.testing.LoopbackSockets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in headless Chromium: it loads under the strict Content-Security-Policy with no
 * console error, shows a listener the test opened, and drops it once closed, without a reload
 * (the server's events drive it). Other listeners of the machine are shown too; the test looks
 * for its own only.
 */
@Tag("live")
@Timeout(120)
class ServePageTest {

    @Test
    void thePageShowsAListenerAndDropsItWithoutAReloadAndWithoutConsoleErrors(@TempDir Path profile) throws Exception {
        Session session = Session.open(Platforms.live(), SessionSetup.live(), Clock.systemUTC());
        StringWriter log = new StringWriter();
        try (Server server = Server.start(session, ServeSettings.loopback(0, "portscope test"), new PrintWriter(log, true));
                LoopbackSockets sockets = new LoopbackSockets();
                HeadlessChromium chromium = HeadlessChromium.start(profile)) {
            ServerSocketChannel listener = sockets.listen("127.0.0.1");
            String port = Integer.toString(LoopbackSockets.port(listener));
            chromium.navigate("http://127.0.0.1:" + server.address().getPort() + "/");
            String rows = "[...document.querySelectorAll('#listeners tbody tr')].map(r => r.dataset.port).join(',')";
            assertThat(waitFor(chromium, rows, ports -> java.util.List.of(ports.split(",")).contains(port)))
                    .as("the page lists the test's listener on " + port).isTrue();
            assertThat(waitFor(chromium, "document.getElementById('status').textContent", s -> s.startsWith("live")))
                    .as("the page follows the server's events").isTrue();
            String loads = chromium.evaluate("performance.getEntriesByType('navigation').length + ':' + location.href");
            listener.close();
            assertThat(waitFor(chromium, rows, ports -> !java.util.List.of(ports.split(",")).contains(port)))
                    .as("the page drops the listener once it is closed").isTrue();
            assertThat(chromium.evaluate("performance.getEntriesByType('navigation').length + ':' + location.href"))
                    .as("no reload").isEqualTo(loads);
            assertThat(waitFor(chromium, "document.querySelectorAll('#chart polyline').length + ''", n -> !n.equals("0")))
                    .as("the chart is drawn").isTrue();
            assertThat(chromium.errors()).as("console and browser errors").isEmpty();
            assertThat(log.toString()).doesNotContain("internal error");
        }
    }

    /** Evaluates {@code expression} every 200 ms until {@code test} accepts its value, for at most 30 s. */
    private static boolean waitFor(HeadlessChromium chromium, String expression, java.util.function.Predicate<String> test)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (test.test(chromium.evaluate(expression))) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
