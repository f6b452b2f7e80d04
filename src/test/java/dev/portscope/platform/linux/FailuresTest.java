package dev.portscope.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portscope.model.Diagnostic.Kind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Each failure is called what it is: a refusal, a missing file, a timeout, exhausted descriptors. */
class FailuresTest {

    @Test
    void errnoValuesMapToTheirKinds() {
        assertThat(Failures.ofErrno(13)).isEqualTo(Kind.PERMISSION_DENIED); // EACCES
        assertThat(Failures.ofErrno(1)).isEqualTo(Kind.PERMISSION_DENIED);  // EPERM
        assertThat(Failures.ofErrno(2)).isEqualTo(Kind.NOT_FOUND);          // ENOENT
        assertThat(Failures.ofErrno(11)).isEqualTo(Kind.TIMED_OUT);         // EAGAIN: SO_RCVTIMEO ran out
        assertThat(Failures.ofErrno(24)).isEqualTo(Kind.RESOURCE_LIMIT);    // EMFILE
        assertThat(Failures.ofErrno(23)).isEqualTo(Kind.RESOURCE_LIMIT);    // ENFILE
        assertThat(Failures.ofErrno(105)).isEqualTo(Kind.RESOURCE_LIMIT);   // ENOBUFS
        assertThat(Failures.ofErrno(22)).isEqualTo(Kind.UNAVAILABLE);       // EINVAL
        assertThat(Failures.ofErrno(5)).isEqualTo(Kind.IO_ERROR);           // EIO
    }

    @Test
    void everyKindButFallbackAndNoteIsPartial() {
        for (Kind kind : Kind.values()) {
            assertThat(kind.partial()).as("%s", kind).isEqualTo(kind != Kind.FALLBACK && kind != Kind.NOTE);
        }
    }

    @Test
    void javaNioExceptionsMapToTheirKinds() {
        assertThat(Failures.of(new AccessDeniedException("/proc/1/fd"))).isEqualTo(Kind.PERMISSION_DENIED);
        assertThat(Failures.of(new NoSuchFileException("/proc/net/tcp"))).isEqualTo(Kind.NOT_FOUND);
        assertThat(Failures.of(new FileSystemException("/proc/1/fd", null, "Too many open files"))).isEqualTo(Kind.RESOURCE_LIMIT);
        assertThat(Failures.of(new FileSystemException("/proc/1/fd", null, "Too many open files in system"))).isEqualTo(Kind.RESOURCE_LIMIT);
        assertThat(Failures.of(new IOException("Input/output error"))).isEqualTo(Kind.IO_ERROR);
    }

    @Test
    void anExitedProcessIsChurn() {
        assertThat(Failures.vanished(new NoSuchFileException("/proc/9/stat"))).isTrue();
        assertThat(Failures.vanished(new FileSystemException("/proc/9/stat", null, "No such process"))).isTrue();
        assertThat(Failures.vanished(new AccessDeniedException("/proc/9/stat"))).isFalse();
        assertThat(Failures.vanished(2)).isTrue();
        assertThat(Failures.vanished(3)).isTrue();
        assertThat(Failures.vanished(24)).isFalse();
    }
}
