package dev.portscope.platform.linux.netlink;

import dev.portscope.model.Endpoint;
import dev.portscope.model.IpFamily;
import dev.portscope.model.Protocol;
import dev.portscope.model.Socket;
import dev.portscope.model.LinuxSocket;
import dev.portscope.model.NetInterface;
import dev.portscope.model.SocketMemory;
import dev.portscope.model.SocketState;
import dev.portscope.model.TcpInfo;
import dev.portscope.platform.linux.KernelSocketStates;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Turns bytes from a {@code NETLINK_SOCK_DIAG} socket (or a recording of one) into sockets: a pure
 * function with no I/O. Malformed input never yields a socket: it is reported with its offset and
 * skipped; a bad message length stops the buffer, since nothing after it can be trusted to align.
 *
 * <pre>
 * struct inet_diag_msg {             // include/uapi/linux/inet_diag.h, after the 16-byte nlmsghdr
 *     __u8  idiag_family;            // offset 0: AF_INET / AF_INET6
 *     __u8  idiag_state;             // offset 1: include/net/tcp_states.h
 *     __u8  idiag_timer;             // offset 2: 3 for a TIME_WAIT socket
 *     __u8  idiag_retrans;           // offset 3
 *     struct inet_diag_sockid {
 *         __be16 idiag_sport;        // offset 4: network byte order
 *         __be16 idiag_dport;        // offset 6
 *         __be32 idiag_src[4];       // offset 8: IPv4 uses the first word
 *         __be32 idiag_dst[4];       // offset 24
 *         __u32  idiag_if;           // offset 40: the bound interface (SO_BINDTODEVICE, link-local scope), 0 for none
 *         __u32  idiag_cookie[2];    // offset 44
 *     } id;
 *     __u32 idiag_expires;           // offset 52
 *     __u32 idiag_rqueue;            // offset 56
 *     __u32 idiag_wqueue;            // offset 60
 *     __u32 idiag_uid;               // offset 64
 *     __u32 idiag_inode;             // offset 68
 * };                                 // 72 bytes, then attributes:
 *
 * struct rtattr {                    // include/uapi/linux/rtnetlink.h (struct nlattr has the same shape)
 *     unsigned short rta_len;        // header included; the next one starts at RTA_ALIGN (4)
 *     unsigned short rta_type;       // INET_DIAG_*
 * };
 * </pre>
 *
 * Host-order fields use {@link ByteOrder#nativeOrder()}: a recording is read on the kind of machine
 * that made it.
 *
 * <p>The same messages come as the kernel's notices of freed sockets ({@link #decodeEndNotices}),
 * written by {@code inet_diag_handler_get_info} ({@code net/ipv4/inet_diag.c}) with less in them.
 */
public final class SockDiagDecoder {

    static final int MSG_LENGTH = 72;
    /** {@code INET_DIAG_PROTOCOL}: a {@code __u8} IP protocol (include/uapi/linux/inet_diag.h). */
    private static final int INET_DIAG_PROTOCOL = 10;
    private static final int NLA_TYPE_MASK = 0x3FFF; // drops NLA_F_NESTED and NLA_F_NET_BYTEORDER

    private final long netns;
    private final boolean details;
    private final IntFunction<NetInterface> interfaces;
    /**
     * Addresses and local endpoints seen in this decoder's stream, handed out again instead of
     * copies: a server's connections share a few local endpoints and often their peers' addresses,
     * and a long-running watch keeps 200,000 sockets. Bounded: cleared when full.
     */
    private final Map<Object, Object> shared = new HashMap<>();
    private SocketRecall recalled;
    private SocketRecall recalling;
    private static final int SHARED_LIMIT = 1 << 16;

    /**
     * @param netns   network namespace inode stamped on every socket, 0 when unknown (a recording)
     * @param details whether to decode {@code INET_DIAG_INFO}, {@code INET_DIAG_SKMEMINFO} and
     *                {@code INET_DIAG_SKV6ONLY} into {@link SocketDetails}; without it sockets carry none
     */
    public SockDiagDecoder(long netns, boolean details) {
        this(netns, details, BoundInterfaces.UNNAMED);
    }

    /** @param interfaces names the interface of an {@code idiag_if} index (see {@link BoundInterfaces}) */
    public SockDiagDecoder(long netns, boolean details, IntFunction<NetInterface> interfaces) {
        this.netns = netns;
        this.details = details;
        this.interfaces = interfaces;
    }

    /** Everything found in a byte array: see {@link #decodeAll}. */
    public record Decoded(List<Socket> sockets, List<String> problems, int completedDumps) {}

    /**
     * Decodes a whole recording held in memory.
     *
     * @param protocol the protocol of answers not preceded by a request (TCP for iproute2's dumps)
     */
    public Decoded decodeAll(byte[] bytes, Protocol protocol) {
        List<Socket> sockets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int[] done = {0};
        decode(ByteBuffer.wrap(bytes), 0, protocol, new SockDiagEvents() {
            @Override
            public void socket(Socket socket) {
                sockets.add(socket);
            }

            @Override
            public void done(long offset) {
                done[0]++;
            }

            @Override
            public void error(long offset, int errno) {
                problems.add("byte " + offset + ": dump failed with " + DumpErrors.describe(errno));
            }

            @Override
            public void malformed(long offset, String what) {
                problems.add("byte " + offset + ": " + what);
            }
        });
        return new Decoded(List.copyOf(sockets), List.copyOf(problems), done[0]);
    }

    /**
     * Decodes the messages between the buffer's position and limit.
     *
     * @param streamOffset where the buffer's position lies in the stream, for diagnostics
     * @param protocol     the protocol of answers until a request message says otherwise; null to skip them
     * @return the protocol in effect after the buffer (a request message changes it)
     */
    public Protocol decode(ByteBuffer buffer, long streamOffset, Protocol protocol, SockDiagEvents events) {
        return decode(buffer, streamOffset, protocol, false, events);
    }

    /**
     * Decodes the kernel's notices of freed sockets between the buffer's position and limit: what a
     * member of sock_diag's destroy groups receives ({@code SKNLGRP_INET_TCP_DESTROY} and the three
     * others, {@code include/uapi/linux/sock_diag.h}). {@code sock_diag_broadcast_destroy}
     * ({@code net/core/sock_diag.c}) sends one {@code SOCK_DIAG_BY_FAMILY} message for each socket
     * the kernel frees, made by {@code inet_diag_handler_get_info}: the {@code inet_diag_msg} is zeroed,
     * then given the family, addresses, ports, bound interface, cookie, state (the socket's last:
     * CLOSE for a TCP connection) and queues, and two attributes: {@code INET_DIAG_PROTOCOL}, which
     * says TCP or UDP (no request precedes a notice), and for TCP {@code INET_DIAG_INFO}. The owner and
     * inode are never filled: every socket of a notice has {@link Socket#UNKNOWN_UID} and key 0 (seen
     * on Linux 6.18: a socket of uid 65534 arrives with {@code idiag_uid} 0). Its queues are 0: a freed
     * socket holds no data, and what the kernel computes from it then is left over (UDP's send queue
     * reads 2^32-1, {@code sk_wmem_alloc_get} of a socket whose count reached 0; TCP's receive queue
     * counts the FIN). A connection reset by its own side ({@code SO_LINGER} 0, {@code tcp_disconnect})
     * arrives with its remote port and unbound local address cleared: only its local port and remote
     * address are left.
     *
     * @param streamOffset where the buffer's position lies in the stream of notices, for diagnostics
     */
    public void decodeEndNotices(ByteBuffer buffer, long streamOffset, SockDiagEvents events) {
        decode(buffer, streamOffset, null, true, events);
    }

    private Protocol decode(ByteBuffer buffer, long streamOffset, Protocol protocol, boolean notices, SockDiagEvents events) {
        ByteBuffer b = buffer.duplicate().order(ByteOrder.nativeOrder());
        int start = b.position();
        int end = b.limit();
        int pos = start;
        while (pos < end) {
            long offset = streamOffset + (pos - start);
            int left = end - pos;
            if (left < NetlinkHeader.LENGTH) {
                events.malformed(offset, "truncated netlink header (" + left + " bytes left)");
                break;
            }
            int length = NetlinkHeader.length(b, pos);
            if (length < NetlinkHeader.LENGTH || length > left) {
                events.malformed(offset, "bad nlmsg_len " + Integer.toUnsignedString(length) + " (" + left + " bytes left)");
                break;
            }
            int type = NetlinkHeader.type(b, pos);
            int flags = NetlinkHeader.flags(b, pos);
            if ((flags & NetlinkHeader.NLM_F_DUMP_INTR) != 0) {
                events.interrupted(offset);
            }
            switch (type) {
                case NetlinkHeader.NLMSG_NOOP -> {}
                case NetlinkHeader.NLMSG_DONE -> {
                    // since Linux 4.x the payload of NLMSG_DONE is an int: 0, or -errno when the dump failed midway
                    int code = length >= NetlinkHeader.LENGTH + 4 ? b.getInt(pos + NetlinkHeader.LENGTH) : 0;
                    if (code < 0) {
                        events.error(offset, -code);
                    } else {
                        events.done(offset);
                    }
                }
                case NetlinkHeader.NLMSG_ERROR -> {
                    // struct nlmsgerr { int error; struct nlmsghdr msg; }: error 0 is an acknowledgement
                    if (length < NetlinkHeader.LENGTH + 4) {
                        events.malformed(offset, "NLMSG_ERROR of " + length + " bytes has no error code");
                    } else {
                        int code = b.getInt(pos + NetlinkHeader.LENGTH);
                        if (code != 0) {
                            events.error(offset, code < 0 ? -code : code);
                        }
                    }
                }
                case NetlinkHeader.NLMSG_OVERRUN -> events.malformed(offset, "NLMSG_OVERRUN: the kernel dropped messages");
                case InetDiagRequest.SOCK_DIAG_BY_FAMILY, InetDiagRequest.TCPDIAG_GETSOCK -> {
                    if (notices) {
                        socket(b, pos, length, offset, streamOffset - start, null, events);
                    } else if ((flags & NetlinkHeader.NLM_F_REQUEST) != 0) {
                        protocol = request(b, pos, length, type, offset, events);
                    } else if (protocol != null) {
                        socket(b, pos, length, offset, streamOffset - start, protocol, events);
                    }
                }
                default -> events.malformed(offset, "unexpected netlink message type " + type);
            }
            pos += NetlinkHeader.align(length);
        }
        return protocol;
    }

    private static Protocol request(ByteBuffer b, int pos, int length, int type, long offset, SockDiagEvents events) {
        int body = pos + NetlinkHeader.LENGTH;
        if (type == InetDiagRequest.TCPDIAG_GETSOCK) {
            // struct inet_diag_req (old API) has no protocol: the type says TCP
            if (length < NetlinkHeader.LENGTH + 1) {
                events.malformed(offset, "request of " + length + " bytes has no family");
                return null;
            }
            events.request(offset, Protocol.TCP, InetDiagRequest.familyOf(Byte.toUnsignedInt(b.get(body))));
            return Protocol.TCP;
        }
        if (length < NetlinkHeader.LENGTH + 2) {
            events.malformed(offset, "request of " + length + " bytes has no protocol");
            return null;
        }
        int ipProtocol = Byte.toUnsignedInt(b.get(body + 1));
        Protocol protocol = InetDiagRequest.protocolOf(ipProtocol);
        if (protocol == null) {
            events.malformed(offset, "request for IP protocol " + ipProtocol + ", which portscope does not list: its answers are skipped");
            return null;
        }
        events.request(offset, protocol, InetDiagRequest.familyOf(Byte.toUnsignedInt(b.get(body))));
        return protocol;
    }

    /** @param protocol the dump's protocol, or null for a notice, which names its own in {@code INET_DIAG_PROTOCOL} */
    private void socket(ByteBuffer b, int pos, int length, long offset, long base, Protocol protocol, SockDiagEvents events) {
        int body = pos + NetlinkHeader.LENGTH;
        int bodyLength = length - NetlinkHeader.LENGTH;
        if (bodyLength < MSG_LENGTH) {
            events.malformed(offset, "inet_diag_msg of " + bodyLength + " bytes, expected " + MSG_LENGTH);
            return;
        }
        int familyCode = Byte.toUnsignedInt(b.get(body));
        IpFamily family = InetDiagRequest.familyOf(familyCode);
        if (family == null) {
            events.malformed(offset, "inet_diag_msg with unknown address family " + familyCode);
            return;
        }
        SocketState state = KernelSocketStates.toModel(Byte.toUnsignedInt(b.get(body + 1)));

        int infoAt = -1;
        int infoLength = 0;
        int ipProtocol = -1;
        SocketMemory memory = null;
        Boolean v6Only = null;
        boolean fullSocket = false;
        int end = pos + length;
        for (int at = body + MSG_LENGTH; at < end; ) {
            if (end - at < 4) {
                events.malformed(base + at, "truncated attribute header (" + (end - at) + " bytes left in the message at byte " + offset + ")");
                return;
            }
            int attrLength = Short.toUnsignedInt(b.getShort(at));
            int attrType = Short.toUnsignedInt(b.getShort(at + 2)) & NLA_TYPE_MASK;
            if (attrLength < 4 || attrLength > end - at) {
                events.malformed(base + at, "attribute " + attrType + " has bad length " + attrLength
                        + " (" + (end - at) + " bytes left in the message at byte " + offset + ")");
                return;
            }
            int payload = at + 4;
            int payloadLength = attrLength - 4;
            switch (attrType) {
                case InetDiagRequest.INET_DIAG_INFO -> {
                    infoAt = payload;
                    infoLength = payloadLength;
                }
                case INET_DIAG_PROTOCOL -> ipProtocol = payloadLength >= 1 ? Byte.toUnsignedInt(b.get(payload)) : -1;
                case InetDiagRequest.INET_DIAG_SKMEMINFO -> memory = InetDiagExtras.memory(b, payload, payloadLength);
                case InetDiagRequest.INET_DIAG_SKV6ONLY -> v6Only = payloadLength >= 1 ? b.get(payload) != 0 : null;
                case InetDiagRequest.INET_DIAG_SHUTDOWN -> fullSocket = true;
                default -> {} // other attributes (shutdown, cgroup, mark...) are not part of the model
            }
            at += NetlinkHeader.align(attrLength);
        }
        boolean notice = protocol == null;
        if (notice) {
            protocol = InetDiagRequest.protocolOf(ipProtocol);
            if (protocol == null) {
                events.malformed(offset, ipProtocol < 0 ? "notice without INET_DIAG_PROTOCOL"
                        : "notice of IP protocol " + ipProtocol + ", which portscope does not list: skipped");
                return;
            }
        }
        TcpInfo tcpInfo = details && infoAt >= 0 && protocol == Protocol.TCP ? InetDiagExtras.tcpInfo(b, infoAt, infoLength) : null;

        long cookie = cookie(b, body + 44);
        int uid = notice || ownerless(state, Byte.toUnsignedInt(b.get(body + 2)), fullSocket) ? Socket.UNKNOWN_UID : b.getInt(body + 64);
        if (recalled != null && !notice && !details) {
            Socket known = recalled.get(cookie);
            if (known != null && SocketRecall.unchanged(known, b, body, protocol, family, state, uid, v6Only, netns)) {
                recalling.put(cookie, known);
                events.socket(known);
                return;
            }
        }
        int ifindex = b.getInt(body + 40);
        Endpoint local = share(new Endpoint(address(b, body + 8, family), bigEndianPort(b, body + 4),
                ifindex > 0 ? interfaces.apply(ifindex) : null));
        Endpoint remote = new Endpoint(address(b, body + 24, family), bigEndianPort(b, body + 6));
        Socket socket = new Socket(
                protocol,
                family,
                local,
                remote,
                state,
                uid,
                InetDiagExtras.u32(b, body + 68),
                notice ? 0 : InetDiagExtras.u32(b, body + 56),
                notice ? 0 : InetDiagExtras.u32(b, body + 60),
                v6Only,
                new LinuxSocket(InetDiagExtras.u32(b, body + 68), cookie, netns, tcpInfo, details ? memory : null));
        if (recalling != null && !notice) {
            recalling.put(cookie, socket);
        }
        events.socket(socket);
    }

    /**
     * Recalls the sockets of the previous scan: one whose message says nothing new is handed out as
     * the earlier object. Only where no TCP details are asked for, which change at every scan.
     *
     * @param previous the previous scan's sockets, or null
     * @param next     filled with this scan's
     */
    void recall(SocketRecall previous, SocketRecall next) {
        this.recalled = previous;
        this.recalling = next;
    }


    /**
     * Whether the kernel sent the socket without an owner, its {@code idiag_uid} a 0 that means nobody
     * ({@code net/ipv4/inet_diag.c}): {@code inet_twsk_diag_fill} (TIME_WAIT, or its FIN_WAIT2 sub-state,
     * with {@code idiag_timer} 3) and {@code inet_req_diag_fill} (a connection request, reported as SYN_RECV
     * without the {@code INET_DIAG_SHUTDOWN} attribute that {@code inet_diag_msg_attrs_fill} puts on every
     * full socket).
     */
    private static boolean ownerless(SocketState state, int timer, boolean fullSocket) {
        return state == SocketState.TIME_WAIT || timer == 3 || (state == SocketState.SYN_RECV && !fullSocket);
    }

    /** {@code idiag_cookie[2]}: the low and high halves of the 64-bit cookie, each in host order (inet_diag_msg_common_fill). */
    private static long cookie(ByteBuffer b, int at) {
        return InetDiagExtras.u32(b, at) | (InetDiagExtras.u32(b, at + 4) << 32);
    }

    /** {@code __be16}: network byte order whatever the host's. */
    static int bigEndianPort(ByteBuffer b, int at) {
        return (Byte.toUnsignedInt(b.get(at)) << 8) | Byte.toUnsignedInt(b.get(at + 1));
    }

    /** {@code __be32[4]}: the bytes are in network order already; IPv4-mapped IPv6 becomes an Inet4Address, the socket stays IPV6. */
    private InetAddress address(ByteBuffer b, int at, IpFamily family) {
        Object key = family == IpFamily.IPV4 ? (Object) b.getInt(at)
                : new V6Key(b.getLong(at), b.getLong(at + 8));
        Object known = shared.get(key);
        if (known != null) {
            return (InetAddress) known;
        }
        byte[] bytes = new byte[family == IpFamily.IPV4 ? 4 : 16];
        b.get(at, bytes);
        try {
            InetAddress address = InetAddress.getByAddress(bytes);
            remember(key, address);
            return address;
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }

    private record V6Key(long high, long low) {}

    private Endpoint share(Endpoint endpoint) {
        Object known = shared.get(endpoint);
        if (known != null) {
            return (Endpoint) known;
        }
        remember(endpoint, endpoint);
        return endpoint;
    }

    private void remember(Object key, Object value) {
        if (shared.size() >= SHARED_LIMIT) {
            shared.clear();
        }
        shared.put(key, value);
    }
}
