package dev.portscope.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys from what terminals send: both forms of the arrows (normal and keypad transmit mode), pages, a lone Escape. */
class KeyDecoderTest {

    private static List<Key> decode(String sent) {
        KeyDecoder decoder = new KeyDecoder();
        List<Key> keys = new ArrayList<>();
        sent.chars().forEach(c -> decoder.feed(c).ifPresent(keys::add));
        decoder.timeout().ifPresent(keys::add);
        return keys;
    }

    @Test
    void arrowsInBothFormsAndPageKeys() {
        assertThat(decode("\u001b[A\u001bOB\u001b[C\u001bOD")).extracting(Key::kind)
                .containsExactly(Key.Kind.UP, Key.Kind.DOWN, Key.Kind.RIGHT, Key.Kind.LEFT);
        assertThat(decode("\u001b[5~\u001b[6~\u001b[H\u001b[F\u001b[1~\u001b[4~")).extracting(Key::kind)
                .containsExactly(Key.Kind.PAGE_UP, Key.Kind.PAGE_DOWN, Key.Kind.HOME, Key.Kind.END, Key.Kind.HOME, Key.Kind.END);
    }

    @Test
    void charactersAndControls() {
        assertThat(decode("q/<\r\u007f\u0003\u000c")).containsExactly(Key.ch('q'), Key.ch('/'), Key.ch('<'), Key.of(Key.Kind.ENTER),
                Key.of(Key.Kind.BACKSPACE), Key.of(Key.Kind.INTERRUPT), Key.of(Key.Kind.REDRAW));
    }

    @Test
    void aLoneEscapeIsTheEscapeKeyOnceNothingFollows() {
        KeyDecoder decoder = new KeyDecoder();
        assertThat(decoder.feed(27)).isEmpty();
        assertThat(decoder.pending()).isTrue();
        assertThat(decoder.timeout()).contains(Key.of(Key.Kind.ESCAPE));
        assertThat(decoder.pending()).isFalse();
        assertThat(decoder.timeout()).isEmpty();
        assertThat(decode("\u001b\u001b")).containsExactly(Key.of(Key.Kind.ESCAPE));
    }

    @Test
    void unknownAndOverlongSequencesEndWithoutSwallowingWhatFollows() {
        assertThat(decode("\u001b[1;5Pq")).containsExactly(Key.of(Key.Kind.OTHER), Key.ch('q'));
        assertThat(decode("\u001b[" + "1".repeat(40) + "q")).contains(Key.of(Key.Kind.OTHER)).endsWith(Key.ch('q'));
        assertThat(decode("\u001bxq")).containsExactly(Key.of(Key.Kind.OTHER), Key.ch('q'));
    }
}
