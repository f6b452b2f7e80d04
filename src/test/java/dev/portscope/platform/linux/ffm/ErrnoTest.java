package dev.portscope.platform.linux.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class ErrnoTest {

    @Test
    void namesAKnownNumberWithTheKernelsDescription() {
        assertThat(Errno.text(98)).isEqualTo("EADDRINUSE (address already in use)");
        assertThat(Errno.text(Errno.EPERM)).isEqualTo("EPERM (operation not permitted)");
        assertThat(Errno.text(Errno.EACCES)).isEqualTo("EACCES (permission denied)");
        assertThat(Errno.text(Errno.EMFILE)).isEqualTo("EMFILE (too many open files)");
        assertThat(Errno.text(133)).isEqualTo("EHWPOISON (memory page has hardware error)");
    }

    @Test
    void givesOnlyTheNumberOfOneItDoesNotKnow() {
        assertThat(Errno.text(0)).isEqualTo("errno 0");
        assertThat(Errno.text(41)).isEqualTo("errno 41"); // a gap in errno.h: EWOULDBLOCK is EAGAIN
        assertThat(Errno.text(134)).isEqualTo("errno 134");
        assertThat(Errno.text(512)).isEqualTo("errno 512"); // ERESTARTSYS, never seen by user space
        assertThat(Errno.text(-1)).isEqualTo("errno -1");
    }

    @Test
    void everyNamedConstantHasItsOwnNameInTheTable() throws IllegalAccessException {
        for (Field field : Errno.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                assertThat(Errno.text(field.getInt(null))).startsWith(field.getName() + " (");
            }
        }
    }

    @Test
    void everyNumberFromOneTo133ButTheTwoAliasesIsNamed() {
        for (int errno = 1; errno <= 133; errno++) {
            if (errno != 41 && errno != 58) { // EWOULDBLOCK = EAGAIN, EDEADLOCK = EDEADLK
                assertThat(Errno.text(errno)).matches("E[A-Z0-9]+ \\(.+\\)");
            }
        }
    }
}
