package dev.portscope.render;

import dev.portscope.model.AddressText;

import dev.portscope.model.Exposure;
import dev.portscope.model.LinuxSocket;
import dev.portscope.model.NetNamespace;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.Socket;
import dev.portscope.services.Service;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The columns of listings, shared by the table and CSV writers. */
public enum Column {
    /** The network namespace of the socket, in listings of more than one ({@code -A}). */
    NAMESPACE("NAMESPACE", false) {
        @Override
        String value(ListingRow row, ListingContext context) {
            NetNamespace ns = context.namespaces().of(row.socket());
            if (ns != null) {
                return ForeignText.visible(ns.label());
            }
            LinuxSocket linux = row.socket().linux();
            return linux == null || linux.netns() == 0 ? "-" : Long.toString(linux.netns());
        }
    },
    /** The container its namespace belongs to, as the runtime names it (or its short id). */
    CONTAINER("CONTAINER", false) {
        @Override
        String value(ListingRow row, ListingContext context) {
            NetNamespace ns = context.namespaces().of(row.socket());
            return ns == null || ns.container() == null ? "-" : ForeignText.visible(ns.container().label());
        }
    },
    PROTO("PROTO", false) {
        @Override
        String value(ListingRow row, ListingContext context) {
            Socket s = row.socket();
            boolean v6 = s.family() == dev.portscope.model.IpFamily.IPV6;
            return s.protocol() == dev.portscope.model.Protocol.TCP ? (v6 ? "tcp6" : "tcp") : (v6 ? "udp6" : "udp");
        }
    },
    STATE("STATE", false) {
        @Override
        String value(ListingRow row, ListingContext context) {
            return row.socket().state().displayName(row.socket().protocol());
        }
    },
    ADDRESS("ADDRESS", false) {
        @Override
        String value(ListingRow row, ListingContext context) {
            return AddressText.localAddress(row.socket());
        }
    },
    PORT("PORT", true) {
        @Override
        String value(ListingRow row, ListingContext context) {
            return Integer.toString(row.socket().local().port());
        }
    },
    LOCAL("LOCAL", false) {
        @Override
        String value(ListingRow row, ListingContext context) {
            return AddressText.local(row.socket());
        }

        @Override
        void appendTo(StringBuilder text, ListingRow row, ListingContext context) {
            Socket s = row.socket();
            if (s.family() == dev.portscope.model.IpFamily.IPV4) {
                AddressText.appendEndpoint(text, s.local(), s.family());
            } else {
                text.append(AddressText.local(s));
            }
        }
    },
    REMOTE("REMOTE", false) {
        @Override
        String value(ListingRow row, ListingContext context) {
            return AddressText.endpoint(row.socket().remote(), row.socket().family());
        }

        @Override
        void appendTo(StringBuilder text, ListingRow row, ListingContext context) {
            AddressText.appendEndpoint(text, row.socket().remote(), row.socket().family());
        }
    },
    SERVICE("SERVICE", false) {
        @Override
        String value(ListingRow row, ListingContext context) {
            Socket s = row.socket();
            return context.services().lookup(s.protocol(), s.local().port()).map(Service::name).orElse("-");
        }
    },
    EXPOSURE("EXPOSURE", false) {
        @Override
        String value(ListingRow row, ListingContext context) {
            return Exposure.label(row.socket().local());
        }
    },
    RECV_Q("RECV-Q", true) {
        @Override
        String value(ListingRow row, ListingContext context) {
            return queue(row.socket().receiveQueue());
        }

        @Override
        void appendTo(StringBuilder text, ListingRow row, ListingContext context) {
            long queue = row.socket().receiveQueue();
            if (queue == Socket.UNKNOWN_QUEUE) {
                text.append('-');
            } else {
                text.append(queue);
            }
        }
    },
    SEND_Q("SEND-Q", true) {
        @Override
        String value(ListingRow row, ListingContext context) {
            return queue(row.socket().sendQueue());
        }

        @Override
        void appendTo(StringBuilder text, ListingRow row, ListingContext context) {
            long queue = row.socket().sendQueue();
            if (queue == Socket.UNKNOWN_QUEUE) {
                text.append('-');
            } else {
                text.append(queue);
            }
        }
    },
    RTT("RTT-MS", true) {
        @Override
        String value(ListingRow row, ListingContext context) {
            var info = row.socket().tcpInfo();
            return info == null ? "-" : String.format(java.util.Locale.ROOT, "%.3f", info.rttMicros() / 1000.0);
        }
    },
    RETRANS("RETRANS", true) {
        @Override
        String value(ListingRow row, ListingContext context) {
            var info = row.socket().tcpInfo();
            return info == null ? "-" : Long.toString(info.totalRetransmits());
        }
    },
    PID("PID", true) {
        @Override
        String value(ListingRow row, ListingContext context) {
            List<ProcessInfo> owners = row.owners();
            if (owners.isEmpty()) {
                return "-";
            }
            if (owners.size() == 1) {
                return Integer.toString(owners.getFirst().pid());
            }
            return owners.stream().map(p -> Integer.toString(p.pid())).collect(Collectors.joining(","));
        }
    },
    PROCESS("PROCESS", false) {
        @Override
        String value(ListingRow row, ListingContext context) {
            if (row.owners().isEmpty()) {
                return "-";
            }
            if (row.owners().size() == 1) {
                return ForeignText.visible(row.owners().getFirst().name());
            }
            Set<String> names = new LinkedHashSet<>();
            for (ProcessInfo p : row.owners()) {
                names.add(p.name());
            }
            return ForeignText.visible(String.join(",", names));
        }
    },
    /** The users the holding processes run as (lsof's USER): a fact about the processes. */
    USER("USER", false) {
        @Override
        String value(ListingRow row, ListingContext context) {
            Set<String> users = new LinkedHashSet<>();
            for (ProcessInfo p : row.owners()) {
                if (p.uid() >= 0) {
                    users.add(context.numeric() ? Integer.toString(p.uid()) : p.user());
                }
            }
            return users.isEmpty() ? "-" : ForeignText.visible(String.join(",", users));
        }
    },
    /**
     * Who owns the socket in the kernel (netstat -e's User, ss -e's uid): the user that created it,
     * known without reading any process, and not always a holder's user (a descriptor passed on,
     * a daemon that changed user after binding).
     */
    UID("UID", false) {
        @Override
        String value(ListingRow row, ListingContext context) {
            int uid = row.socket().uid();
            if (uid == Socket.UNKNOWN_UID) {
                return "-"; // TIME_WAIT: the kernel keeps no owner, and its 0 is not root
            }
            return context.numeric() ? Integer.toString(uid) : ForeignText.visible(context.userNames().apply(uid));
        }
    };

    private final String header;
    private final boolean rightAligned;

    Column(String header, boolean rightAligned) {
        this.header = header;
        this.rightAligned = rightAligned;
    }

    public String header() {
        return header;
    }

    boolean rightAligned() {
        return rightAligned;
    }

    abstract String value(ListingRow row, ListingContext context);

    /** The cell's text as tables show it (names other processes chose escaped), for views that lay out their own rows. */
    public String text(ListingRow row, ListingContext context) {
        return value(row, context);
    }

    /** Whether tables align this column's cells to the right (numbers). */
    public boolean alignsRight() {
        return rightAligned;
    }

    /** Appends {@link #value}'s text; columns of busy listings do it without a string of their own. */
    void appendTo(StringBuilder text, ListingRow row, ListingContext context) {
        text.append(value(row, context));
    }

    /** The columns of a view, given what was collected and asked. */
    public static List<Column> of(ListingView view, ListingContext context) {
        List<Column> columns = view == ListingView.LISTENING
                ? List.of(PROTO, ADDRESS, PORT, SERVICE, EXPOSURE, PID, PROCESS, USER, UID)
                : context.details()
                        ? List.of(PROTO, STATE, LOCAL, REMOTE, RECV_Q, SEND_Q, RTT, RETRANS, PID, PROCESS, USER, UID)
                        : List.of(PROTO, STATE, LOCAL, REMOTE, RECV_Q, SEND_Q, PID, PROCESS, USER, UID);
        List<Column> chosen = new java.util.ArrayList<>();
        if (context.namespaces().multiple()) {
            chosen.add(NAMESPACE);
            chosen.add(CONTAINER);
        }
        columns.stream()
                .filter(c -> context.withOwners() || (c != PID && c != PROCESS && c != USER))
                .filter(c -> !context.numeric() || c != SERVICE)
                .forEach(chosen::add);
        return List.copyOf(chosen);
    }

    /** A queue length, or {@code -} where the platform does not report queues (never 0). */
    public static String queue(long length) {
        return length == Socket.UNKNOWN_QUEUE ? "-" : Long.toString(length);
    }
}
