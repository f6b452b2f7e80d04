package dev.portscope.tui;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;
import org.jline.utils.ShutdownHooks;

/**
 * The terminal under {@code top}, through JLine's FFM provider: raw keys, the alternate screen,
 * a diff-based {@link Display}, and the way back. The terminal is restored on every way out: by
 * {@link #close} (after {@code q}, Ctrl-C, or an exception, from the caller's try-with-resources),
 * and by a shutdown task when the JVM ends otherwise (SIGTERM, SIGHUP, SIGINT sent from elsewhere):
 * the saved terminal attributes back, the normal screen back, the cursor visible, the keypad and
 * attributes reset. That task is one of JLine's own shutdown tasks, added before the terminal is
 * built: JLine runs them one after another in the order they were added, so the screen is restored
 * before the terminal's own task closes it. A JVM hook of our own would race that close, and lose
 * the restoring sequences to a closed stream now and then (alternate screen left on).
 */
final class TopTerminal implements AutoCloseable {

    /** How long the rest of an escape sequence may take to arrive after its ESC. */
    private static final long SEQUENCE_WAIT_MILLIS = 30;

    private final Terminal terminal;
    private final Attributes saved;
    private final Display display;
    private final ShutdownHooks.Task hook;
    private final KeyDecoder decoder = new KeyDecoder();
    private volatile boolean resized;
    private volatile boolean interrupted;
    private boolean restored;
    private Size size;

    private TopTerminal(Terminal terminal, ShutdownHooks.Task hook, AtomicReference<TopTerminal> restoredByHook) {
        this.terminal = terminal;
        this.hook = hook;
        // Set up under the lock restore() takes: a signal that ends the JVM half-way through waits for
        // the setup to finish, then undoes all of it, instead of racing it (alternate screen left on).
        synchronized (this) {
            restoredByHook.set(this);
            this.saved = terminal.enterRawMode();
            terminal.handle(Terminal.Signal.WINCH, signal -> resized = true);
            terminal.handle(Terminal.Signal.INT, signal -> interrupted = true);
            if (!terminal.puts(Capability.enter_ca_mode)) {
                terminal.puts(Capability.clear_screen);
            }
            terminal.puts(Capability.keypad_xmit);
            terminal.puts(Capability.cursor_invisible);
            terminal.flush();
            this.display = new Display(terminal, true);
            this.size = terminal.getSize();
            display.resize(size.getRows(), size.getColumns());
        }
    }

    /**
     * The system's terminal, or empty when it cannot show a screen (a dumb terminal, no terminal
     * after all): {@code top} prints plain tables then.
     */
    static Optional<TopTerminal> open() {
        AtomicReference<TopTerminal> opened = new AtomicReference<>();
        ShutdownHooks.Task hook = ShutdownHooks.add(() -> {
            TopTerminal top = opened.get();
            if (top != null) {
                top.restore();
            }
        });
        Terminal terminal;
        try {
            terminal = TerminalBuilder.builder().system(true).providers("ffm").dumb(false).nativeSignals(true).build();
        } catch (IOException | RuntimeException e) {
            ShutdownHooks.remove(hook);
            return Optional.empty();
        }
        if (terminal.getType().startsWith("dumb") || terminal.getStringCapability(Capability.cursor_address) == null) {
            ShutdownHooks.remove(hook);
            closeQuietly(terminal);
            return Optional.empty();
        }
        return Optional.of(new TopTerminal(terminal, hook, opened));
    }

    /** Whether the terminal is UTF-8 (arrows and ellipses can be drawn). */
    boolean unicode() {
        return java.nio.charset.StandardCharsets.UTF_8.equals(terminal.outputEncoding());
    }

    int rows() {
        return size.getRows();
    }

    int columns() {
        return size.getColumns();
    }

    /** Whether SIGINT came (Ctrl-C when the terminal still delivers it as a signal). */
    boolean interrupted() {
        return interrupted;
    }

    /** Takes the window's new size after SIGWINCH; true when it changed, and the next draw starts afresh. */
    synchronized boolean takeResize() {
        if (!resized) {
            return false;
        }
        resized = false;
        size = terminal.getSize();
        display.clear();
        display.resize(size.getRows(), size.getColumns());
        return true;
    }

    /** Draws everything again on the next {@link #draw} (Ctrl-L). */
    synchronized void clear() {
        display.clear();
    }

    /** Shows these lines, sending only what differs from the screen before. */
    synchronized void draw(List<AttributedString> lines) {
        if (!restored) {
            display.update(lines, 0);
            terminal.flush();
        }
    }

    /**
     * The next key, waiting at most {@code timeoutMillis}; empty when none came. The end of input
     * reads as Ctrl-C: there is no one left to press q.
     */
    Optional<Key> readKey(long timeoutMillis) throws IOException {
        NonBlockingReader reader = terminal.reader();
        long wait = timeoutMillis;
        while (true) {
            int c = reader.read(Math.max(1, wait));
            if (c == NonBlockingReader.READ_EXPIRED) {
                return decoder.timeout();
            }
            if (c == NonBlockingReader.EOF) {
                return Optional.of(Key.of(Key.Kind.INTERRUPT));
            }
            Optional<Key> key = decoder.feed(c);
            if (key.isPresent()) {
                return key;
            }
            wait = SEQUENCE_WAIT_MILLIS;
        }
    }

    /** Leaves the screen as it was found. Safe to call twice, and from the shutdown hook. */
    private synchronized void restore() {
        if (restored) {
            return;
        }
        restored = true;
        terminal.puts(Capability.exit_attribute_mode);
        terminal.puts(Capability.keypad_local);
        terminal.puts(Capability.cursor_normal); // cnorm; cursor_visible is cvvis, "very visible", which leaves ?25 as it was
        if (!terminal.puts(Capability.exit_ca_mode)) {
            terminal.puts(Capability.clear_screen);
        }
        terminal.flush();
        terminal.setAttributes(saved);
    }

    @Override
    public void close() {
        restore();
        ShutdownHooks.remove(hook); // when the JVM is ending, its tasks ran or run restore() themselves
        closeQuietly(terminal);
    }

    private static void closeQuietly(Terminal terminal) {
        try {
            terminal.close();
        } catch (IOException | RuntimeException e) {
            // nothing left to restore on a terminal that will not close
        }
    }
}
