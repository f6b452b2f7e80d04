package dev.portscope.platform.linux.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Builds the nf_tables {@code NFT_MSG_GETCHAIN} dump request and reads the chain types out of its
 * answer ({@code include/uapi/linux/netfilter/nfnetlink.h}, {@code nf_tables.h}). Pure: bytes in,
 * chain types out.
 *
 * <pre>
 * struct nfgenmsg {           // after the 16-byte nlmsghdr
 *     __u8   nfgen_family;    // offset 0: NFPROTO_UNSPEC (0) dumps every family
 *     __u8   version;         // offset 1: NFNETLINK_V0
 *     __be16 res_id;          // offset 2: 0
 * };                          // 4 bytes, then attributes (struct nlattr: __u16 len, __u16 type)
 * </pre>
 */
public final class NftChainDump {

    /** {@code NFNL_SUBSYS_NFTABLES}, nfnetlink.h: the subsystem is the high byte of nlmsg_type. */
    static final int NFNL_SUBSYS_NFTABLES = 10;
    /** {@code enum nf_tables_msg_types}: NEWTABLE 0, GETTABLE 1, DELTABLE 2, NEWCHAIN 3, GETCHAIN 4. */
    static final int NFT_MSG_NEWCHAIN = 3;
    static final int NFT_MSG_GETCHAIN = 4;
    /** {@code enum nft_chain_attributes}: UNSPEC, TABLE, HANDLE, NAME, HOOK, POLICY, USE, TYPE. */
    static final int NFTA_CHAIN_TYPE = 7;
    static final int NFGENMSG_LENGTH = 4;
    /** {@code NLA_TYPE_MASK}: the type without {@code NLA_F_NESTED} and {@code NLA_F_NET_BYTEORDER}. */
    private static final int NLA_TYPE_MASK = 0x3FFF;

    private NftChainDump() {}

    /** nlmsghdr (NLM_F_REQUEST|NLM_F_DUMP, type GETCHAIN of nftables) + nfgenmsg for every family. */
    public static byte[] request(int sequence) {
        int length = NetlinkHeader.LENGTH + NFGENMSG_LENGTH;
        byte[] bytes = new byte[length];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        NetlinkHeader.write(b, length, (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETCHAIN,
                NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_DUMP, sequence);
        // nfgenmsg stays zero: NFPROTO_UNSPEC, NFNETLINK_V0, res_id 0
        return bytes;
    }

    /**
     * Adds the type ({@code "filter"}, {@code "nat"}, {@code "route"}) of each base chain of one
     * datagram of the answer; regular chains have no type.
     *
     * @return true when the datagram ends the dump ({@code NLMSG_DONE})
     * @throws DumpRefusedException for an {@code NLMSG_ERROR} answer (EPERM without CAP_NET_ADMIN)
     * @throws IllegalArgumentException for a message whose lengths do not fit the datagram
     */
    public static boolean addChainTypes(ByteBuffer datagram, Set<String> types) throws DumpRefusedException {
        ByteBuffer d = datagram.duplicate().order(ByteOrder.nativeOrder());
        int at = 0;
        while (at + NetlinkHeader.LENGTH <= d.limit()) {
            int length = NetlinkHeader.length(d, at);
            if (length < NetlinkHeader.LENGTH || at + length > d.limit()) {
                throw new IllegalArgumentException("nf_tables chain dump: message of " + length + " bytes at offset " + at
                        + " of a " + d.limit() + "-byte datagram");
            }
            int type = NetlinkHeader.type(d, at);
            if (type == NetlinkHeader.NLMSG_DONE) {
                return true;
            }
            if (type == NetlinkHeader.NLMSG_ERROR) {
                int error = length >= NetlinkHeader.LENGTH + 4 ? -d.getInt(at + NetlinkHeader.LENGTH) : 0;
                throw new DumpRefusedException(error);
            }
            if (type == ((NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_NEWCHAIN)) {
                addType(d, at + NetlinkHeader.LENGTH + NFGENMSG_LENGTH, at + length, types);
            }
            at += NetlinkHeader.align(length);
        }
        return false;
    }

    private static void addType(ByteBuffer d, int at, int end, Set<String> types) {
        while (at + 4 <= end) {
            int length = Short.toUnsignedInt(d.getShort(at));
            if (length < 4 || at + length > end) {
                throw new IllegalArgumentException("nf_tables chain dump: attribute of " + length + " bytes at offset " + at);
            }
            if ((Short.toUnsignedInt(d.getShort(at + 2)) & NLA_TYPE_MASK) == NFTA_CHAIN_TYPE) {
                int valueEnd = at + length;
                int stringEnd = at + 4;
                while (stringEnd < valueEnd && d.get(stringEnd) != 0) {
                    stringEnd++;
                }
                byte[] text = new byte[stringEnd - at - 4];
                d.get(at + 4, text);
                types.add(new String(text, StandardCharsets.US_ASCII));
            }
            at += NetlinkHeader.align(length);
        }
    }

    /** The kernel answered the dump with an error instead of chains. */
    public static final class DumpRefusedException extends Exception {
        private final int errno;

        DumpRefusedException(int errno) {
            super("nf_tables chain dump refused: errno " + errno);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }
}
