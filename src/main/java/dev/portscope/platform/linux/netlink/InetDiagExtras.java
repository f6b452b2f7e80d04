package dev.portscope.platform.linux.netlink;

import dev.portscope.model.SocketMemory;
import dev.portscope.model.TcpInfo;
import java.nio.ByteBuffer;

/** Decodes the payloads of the attributes that carry {@link dev.portscope.model.SocketDetails}. */
final class InetDiagExtras {

    /** Bytes of {@code struct tcp_info} up to and including {@code tcpi_bytes_received} (Linux 4.1+). */
    static final int TCP_INFO_MIN = 136;
    /** {@code SK_MEMINFO_SNDBUF + 1}: the four words the model keeps. */
    static final int SKMEMINFO_MIN = 16;

    private InetDiagExtras() {}

    /**
     * {@code INET_DIAG_INFO}, {@code include/uapi/linux/tcp.h}; offsets used here:
     *
     * <pre>
     * struct tcp_info {
     *     __u8  tcpi_state;            // 0
     *     __u8  tcpi_ca_state;         // 1
     *     __u8  tcpi_retransmits;      // 2: unrecovered RTO timeouts
     *     ...                          // 3..43: probes, backoff, options, wscale, rto, ato, mss, unacked...
     *     __u32 tcpi_last_data_sent;   // 44 (ms ago)
     *     __u32 tcpi_last_ack_sent;    // 48
     *     __u32 tcpi_last_data_recv;   // 52 (ms ago)
     *     ...                          // 56..67: last_ack_recv, pmtu, rcv_ssthresh
     *     __u32 tcpi_rtt;              // 68 (us)
     *     __u32 tcpi_rttvar;           // 72 (us)
     *     __u32 tcpi_snd_ssthresh;     // 76
     *     __u32 tcpi_snd_cwnd;         // 80 (segments)
     *     ...                          // 84..99: advmss, reordering, rcv_rtt, rcv_space
     *     __u32 tcpi_total_retrans;    // 100
     *     __u64 tcpi_pacing_rate;      // 104
     *     __u64 tcpi_max_pacing_rate;  // 112
     *     __u64 tcpi_bytes_acked;      // 120
     *     __u64 tcpi_bytes_received;   // 128
     *     ...                          // newer fields follow; the kernel sends what it knows
     * };
     * </pre>
     *
     * @return null when the kernel's struct is older than {@link #TCP_INFO_MIN} bytes
     */
    static TcpInfo tcpInfo(ByteBuffer b, int at, int length) {
        if (length < TCP_INFO_MIN) {
            return null;
        }
        return new TcpInfo(
                u32(b, at + 68),
                u32(b, at + 72),
                Byte.toUnsignedInt(b.get(at + 2)),
                u32(b, at + 100),
                b.getInt(at + 80),
                b.getLong(at + 120),
                b.getLong(at + 128),
                u32(b, at + 44),
                u32(b, at + 52));
    }

    /**
     * {@code INET_DIAG_SKMEMINFO}: an array of {@code __u32} indexed by {@code SK_MEMINFO_*}
     * ({@code include/uapi/linux/sock_diag.h}): RMEM_ALLOC 0, RCVBUF 1, WMEM_ALLOC 2, SNDBUF 3, ...
     *
     * @return null when shorter than four words
     */
    static SocketMemory memory(ByteBuffer b, int at, int length) {
        if (length < SKMEMINFO_MIN) {
            return null;
        }
        return new SocketMemory(u32(b, at), u32(b, at + 4), u32(b, at + 8), u32(b, at + 12));
    }

    static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }
}
