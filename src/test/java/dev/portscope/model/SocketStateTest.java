package dev.portscope.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SocketStateTest {

    @Test
    void parsesTheSpellingsUsersType() {
        assertThat(SocketState.parse("established")).isEqualTo(SocketState.ESTABLISHED);
        assertThat(SocketState.parse("ESTAB")).isEqualTo(SocketState.ESTABLISHED);
        assertThat(SocketState.parse("close-wait")).isEqualTo(SocketState.CLOSE_WAIT);
        assertThat(SocketState.parse("time_wait")).isEqualTo(SocketState.TIME_WAIT);
        assertThat(SocketState.parse("fin-wait-1")).isEqualTo(SocketState.FIN_WAIT1);
        assertThat(SocketState.parse("unconn")).isEqualTo(SocketState.CLOSE);
        assertThatThrownBy(() -> SocketState.parse("sleepy")).hasMessage("unknown socket state 'sleepy'");
    }

    @Test
    void udpCloseReadsUnconnLikeSs() {
        assertThat(SocketState.CLOSE.displayName(Protocol.UDP)).isEqualTo("UNCONN");
        assertThat(SocketState.CLOSE.displayName(Protocol.TCP)).isEqualTo("CLOSE");
        assertThat(SocketState.CLOSE_WAIT.displayName(Protocol.TCP)).isEqualTo("CLOSE-WAIT");
    }
}
