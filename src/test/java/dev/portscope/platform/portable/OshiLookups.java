package dev.portscope.platform.portable;

import java.lang.reflect.Method;
import oshi.software.os.InternetProtocolStats.TcpState;

/**
 * OSHI's own code-to-enum lookups (the private {@code stateLookup(int)} of its Windows and macOS
 * statistics classes in 6.10): macOS's called as it is, so that the tests check the OSHI portscope ships.
 */
final class OshiLookups {

    private OshiLookups() {}

    /**
     * Windows' lookup cannot be called off Windows (its class loads {@code IPHlpAPI} when initialised):
     * this is OSHI 6.10.0's {@code WindowsInternetProtocolStats.stateLookup}, line for line.
     */
    static TcpState windows(int code) {
        return switch (code) {
            case 1, 12 -> TcpState.CLOSED;
            case 2 -> TcpState.LISTEN;
            case 3 -> TcpState.SYN_SENT;
            case 4 -> TcpState.SYN_RECV;
            case 5 -> TcpState.ESTABLISHED;
            case 6 -> TcpState.FIN_WAIT_1;
            case 7 -> TcpState.FIN_WAIT_2;
            case 8 -> TcpState.CLOSE_WAIT;
            case 9 -> TcpState.CLOSING;
            case 10 -> TcpState.LAST_ACK;
            case 11 -> TcpState.TIME_WAIT;
            default -> TcpState.UNKNOWN;
        };
    }

    static TcpState mac(int code) {
        return lookup("oshi.software.os.mac.MacInternetProtocolStats", code);
    }

    private static TcpState lookup(String className, int code) {
        try {
            Method m = Class.forName(className).getDeclaredMethod("stateLookup", int.class);
            m.setAccessible(true);
            return (TcpState) m.invoke(null, code);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("OSHI's " + className + ".stateLookup(int) is not there: check the mapping against the new version", e);
        }
    }
}
