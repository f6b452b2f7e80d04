package dev.portscope.tui;

import dev.portscope.app.Session;
import dev.portscope.engine.EngineSettings;
import dev.portscope.engine.Refresh;
import dev.portscope.model.Diagnostic;
import dev.portscope.render.ListingContext;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@code top} on a terminal: takes the engine's refreshes as the {@link Refresher} makes them
 * (every interval, unless paused), reads keys in between, and draws the screen when something
 * changed. The screen, the model and the keys live on one thread; refreshes come from another, and
 * a confirmed action (stopping a process waits for it to exit) runs on its own virtual thread and
 * reports back through a queue.
 */
public final class InteractiveTop {

    /** The longest the loop waits for a key before looking for a refresh, the window's size and SIGINT again. */
    private static final long TICK_MILLIS = 100;

    private record Outcome(String text, boolean error) {}

    private final Session session;
    private final TopModel model;
    private final SessionActions actions;
    private final TopOptions options;
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Notes notes = new Notes();
    private final TopController controller;

    private InteractiveTop(Session session, TopModel model, SessionActions actions, TopOptions options) {
        this.session = session;
        this.model = model;
        this.actions = actions;
        this.options = options;
        this.controller = new TopController(model, actions, this::runAway);
    }

    /**
     * Runs on the system's terminal until q, Ctrl-C or {@code options.count()} refreshes.
     *
     * @return the diagnostics of the run, each once, to say after the screen is gone; empty when the
     *         terminal cannot show a screen (then nothing was run)
     */
    public static Optional<List<Diagnostic>> run(Session session, EngineSettings settings, TopModel model, SessionActions actions,
            ListingContext context, TopOptions options) throws IOException, InterruptedException {
        Optional<TopTerminal> opened = TopTerminal.open();
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        Refresher refresher = new Refresher(session, settings);
        try {
            try (TopTerminal terminal = opened.get()) {
                InteractiveTop top = new InteractiveTop(session, model, actions, options);
                TopScreen screen = new TopScreen(context, options.colour() ? TopStyle.coloured() : TopStyle.monochrome(), terminal.unicode());
                refresher.start();
                top.loop(terminal, screen, refresher);
                return Optional.of(top.notes.all());
            }
        } finally {
            refresher.close(); // after the terminal is back: a refresh under way may take a while to end
        }
    }

    private void loop(TopTerminal terminal, TopScreen screen, Refresher refresher) throws IOException {
        long shown = 0;
        Refresh latest = null;
        boolean dirty = true;
        while (!controller.quit() && !terminal.interrupted()) {
            for (Outcome o = outcomes.poll(); o != null; o = outcomes.poll()) {
                controller.report(o.text(), o.error());
                dirty = true;
            }
            dirty |= terminal.takeResize();
            if (controller.takeRedraw()) {
                terminal.clear();
                dirty = true;
            }
            refresher.paused(controller.paused());
            Refresh refresh = refresher.poll();
            if (refresh != null) {
                if (options.count() > 0 && shown == options.count()) {
                    break; // the last refresh asked for had its interval on screen
                }
                model.update(refresh);
                actions.show(refresh);
                notes.add(refresh.diagnostics());
                latest = refresh;
                shown++;
                dirty = true;
            }
            if (dirty) {
                controller.screen(terminal.columns(), TopScreen.tableRows(terminal.rows()));
                var header = new TopScreen.Header(session.hostName().orElse(null), latest == null ? null : latest.time(),
                        options.interval(), refresher.catchesShortConnections(), latest != null && latest.snapshot().partial());
                terminal.draw(screen.lines(controller, header, terminal.columns(), terminal.rows()));
                dirty = false;
            }
            Optional<Key> key = terminal.readKey(TICK_MILLIS);
            if (key.isPresent()) {
                controller.handle(key.get());
                dirty = true;
            }
        }
    }

    /** Runs a confirmed action on its own thread; what came of it shows in the status line. */
    private void runAway(Callable<RowActions.Done> action) {
        Thread.ofVirtual().name("portscope-top-action").start(() -> {
            try {
                RowActions.Done done = action.call();
                outcomes.add(new Outcome(done.text(), done.failed()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                outcomes.add(new Outcome(String.valueOf(e.getMessage()), true));
            }
        });
    }
}
