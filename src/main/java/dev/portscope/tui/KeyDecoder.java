package dev.portscope.tui;

import java.util.Optional;

/**
 * Turns the characters a terminal sends into {@link Key}s: ECMA-48 control sequences
 * ({@code ESC [ A}, {@code ESC [ 5 ~}), the {@code ESC O A} form of keypad transmit mode
 * ({@code smkx}), and a lone ESC, told from the start of a sequence by the pause after it
 * ({@link #timeout}). Pure: characters in, keys out.
 */
public final class KeyDecoder {

    private enum State { GROUND, ESCAPE, CSI, SS3 }

    /** Longest sequence kept: a terminal never sends more for a key, and garbage must not grow without bound. */
    private static final int MAX_SEQUENCE = 16;

    private State state = State.GROUND;
    private final StringBuilder parameters = new StringBuilder();

    /** The key that this character completes, if any. */
    public Optional<Key> feed(int c) {
        switch (state) {
            case GROUND -> {
                if (c == 27) {
                    state = State.ESCAPE;
                    return Optional.empty();
                }
                return Optional.of(plain(c));
            }
            case ESCAPE -> {
                if (c == '[') {
                    state = State.CSI;
                    parameters.setLength(0);
                    return Optional.empty();
                }
                if (c == 'O') {
                    state = State.SS3;
                    return Optional.empty();
                }
                state = State.GROUND;
                return Optional.of(c == 27 ? Key.of(Key.Kind.ESCAPE) : Key.of(Key.Kind.OTHER)); // Alt+key: not used
            }
            case SS3 -> {
                state = State.GROUND;
                return Optional.of(finalKey(c, ""));
            }
            case CSI -> {
                if (c >= 0x40 && c <= 0x7e) {
                    state = State.GROUND;
                    return Optional.of(finalKey(c, parameters.toString()));
                }
                if (parameters.length() >= MAX_SEQUENCE) {
                    state = State.GROUND;
                    return Optional.of(Key.of(Key.Kind.OTHER));
                }
                parameters.append((char) c);
                return Optional.empty();
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Nothing followed for a while: a pending ESC was the Escape key itself. */
    public Optional<Key> timeout() {
        if (state == State.ESCAPE) {
            state = State.GROUND;
            return Optional.of(Key.of(Key.Kind.ESCAPE));
        }
        return Optional.empty();
    }

    /** Whether the decoder is in the middle of a sequence (wait briefly for the rest). */
    public boolean pending() {
        return state != State.GROUND;
    }

    private static Key plain(int c) {
        return switch (c) {
            case '\r', '\n' -> Key.of(Key.Kind.ENTER);
            case 127, 8 -> Key.of(Key.Kind.BACKSPACE);
            case 3 -> Key.of(Key.Kind.INTERRUPT);
            case 12 -> Key.of(Key.Kind.REDRAW);
            default -> c < 0x20 ? Key.of(Key.Kind.OTHER) : Key.ch((char) c);
        };
    }

    private static Key finalKey(int c, String parameters) {
        return switch (c) {
            case 'A' -> Key.of(Key.Kind.UP);
            case 'B' -> Key.of(Key.Kind.DOWN);
            case 'C' -> Key.of(Key.Kind.RIGHT);
            case 'D' -> Key.of(Key.Kind.LEFT);
            case 'H' -> Key.of(Key.Kind.HOME);
            case 'F' -> Key.of(Key.Kind.END);
            case '~' -> switch (parameters) {
                case "1", "7" -> Key.of(Key.Kind.HOME);
                case "4", "8" -> Key.of(Key.Kind.END);
                case "5" -> Key.of(Key.Kind.PAGE_UP);
                case "6" -> Key.of(Key.Kind.PAGE_DOWN);
                default -> Key.of(Key.Kind.OTHER);
            };
            default -> Key.of(Key.Kind.OTHER);
        };
    }
}
