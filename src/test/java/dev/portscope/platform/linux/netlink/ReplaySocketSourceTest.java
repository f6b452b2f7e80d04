package dev.portscope.platform.linux.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.SocketState;
import dev.portscope.query.SocketQuery;
import dev.portscope.platform.DiagnosticLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaySocketSourceTest {

    private static final Path RECORDING = Fixtures.ROOT.resolve("loopback-all-states/recording.bin");

    @TempDir
    Path dir;

    @Test
    void requestsInTheRecordingSayWhichAnswersAreUdp() {
        List<Socket> udp = scan(RECORDING, SocketQuery.all().withProtocols(Set.of(Protocol.UDP)), new DiagnosticLog());
        Set<Fixtures.Key> expected = new java.util.HashSet<>(Fixtures.manifest("loopback-all-states"));
        expected.removeIf(k -> k.protocol() != Protocol.UDP);
        assertThat(udp).map(Fixtures.Key::of).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void statesAreFiltered() {
        List<Socket> listening = scan(RECORDING, SocketQuery.listening(), new DiagnosticLog());
        assertThat(listening).allSatisfy(s -> assertThat(s.isListening()).isTrue());
        assertThat(listening).extracting(Socket::state).containsOnly(SocketState.LISTEN, SocketState.CLOSE);
        // two TCP listeners, two unconnected UDP sockets, and the bound TCP socket is not a listener
        assertThat(listening).hasSize(4);
    }

    @Test
    void aTruncatedRecordingKeepsWhatItHasAndSaysSo() throws IOException {
        byte[] all = Files.readAllBytes(RECORDING);
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, Arrays.copyOf(all, all.length - 30));
        DiagnosticLog log = new DiagnosticLog();
        List<Socket> sockets = scan(cut, SocketQuery.all(), log);
        assertThat(sockets).isNotEmpty();
        assertThat(log.diagnostics()).extracting(Diagnostic::kind).containsOnly(Diagnostic.Kind.MALFORMED_INPUT);
        assertThat(log.diagnostics()).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).startsWith(cut + ", byte "));
    }

    @Test
    void aRecordingCutAtAMessageBoundaryIsStillNoticed() throws IOException {
        byte[] all = Files.readAllBytes(RECORDING);
        int boundary = SockDiagDecoderMalformedTest.messageBoundaries(all).stream()
                .filter(b -> b > 200 && b < all.length)
                .min(Integer::compare).orElseThrow();
        Path cut = dir.resolve("boundary.bin");
        Files.write(cut, Arrays.copyOf(all, boundary));
        DiagnosticLog log = new DiagnosticLog();
        scan(cut, SocketQuery.all(), log);
        assertThat(log.diagnostics()).extracting(Diagnostic::message)
                .containsExactly(cut + ", byte " + boundary + ": recording ends inside a dump (no NLMSG_DONE): it is truncated (entry skipped)");
    }

    @Test
    void emptyTextAndMissingFilesAreDiagnosticsNotCrashes() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.bin"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "this is not a netlink recording at all\n");
        for (Path file : List.of(empty, text, dir.resolve("missing.bin"))) {
            DiagnosticLog log = new DiagnosticLog();
            assertThat(scan(file, SocketQuery.all(), log)).isEmpty();
            assertThat(log.diagnostics()).as("%s", file).isNotEmpty()
                    .allSatisfy(d -> assertThat(d.message()).contains(file.toString()));
        }
    }

    @Test
    void aMissingRecordingIsNotFound() {
        DiagnosticLog log = new DiagnosticLog();
        scan(dir.resolve("missing.bin"), SocketQuery.all(), log);
        assertThat(log.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Diagnostic.Kind.NOT_FOUND);
            assertThat(d.message()).endsWith("missing.bin: no such recording");
        });
    }

    @Test
    void aDumpTheRecordingMachineRefusedLeavesTheReplayPartial() {
        DiagnosticLog log = new DiagnosticLog();
        scan(Fixtures.ROOT.resolve("kernel-refusals/recording.bin"), SocketQuery.all(), log);
        assertThat(log.diagnostics()).filteredOn(d -> d.message().contains("the recorded dump failed"))
                .extracting(Diagnostic::kind).containsExactly(Diagnostic.Kind.UNAVAILABLE, Diagnostic.Kind.UNAVAILABLE);
    }

    /** A crafted file of 200,000 failed dumps: five are named, the rest counted in one line. */
    @Test
    void failedDumpsAreNamedFiveAtATime(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        byte[] refusals = java.nio.file.Files.readAllBytes(Fixtures.ROOT.resolve("kernel-refusals/recording.bin"));
        java.io.ByteArrayOutputStream many = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 100_000; i++) {
            many.write(refusals);
        }
        Path file = dir.resolve("many.bin");
        java.nio.file.Files.write(file, many.toByteArray());
        DiagnosticLog log = new DiagnosticLog();
        scan(file, SocketQuery.all(), log);
        assertThat(log.diagnostics()).as("five of each kind and a count").hasSize(12)
                .anySatisfy(d -> assertThat(d.message()).endsWith(": 199995 more recorded dumps failed: their sockets are not in the recording"));
    }

    private static List<Socket> scan(Path file, SocketQuery query, DiagnosticLog log) {
        List<Socket> sockets = new ArrayList<>();
        new ReplaySocketSource(file).scan(query, log, sockets::add);
        return sockets;
    }
}
