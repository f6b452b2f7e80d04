package dev.portscope.analysis.audit;

import static dev.portscope.analysis.audit.Severity.CRITICAL;
import static dev.portscope.analysis.audit.Severity.WARNING;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rule set {@code portscope audit} applies with no configuration, and the rules a policy or baseline adds. */
public final class DefaultRules {

    private DefaultRules() {}

    public static final RuleInfo CLEAR_TEXT = new RuleInfo("PS001", CRITICAL,
            "Legacy clear-text service listening beyond loopback: passwords and data cross the network unencrypted",
            "Remove the service, or replace it with SSH/SFTP; if it must stay, bind it to 127.0.0.1 or firewall it");
    public static final RuleInfo DATABASE = new RuleInfo("PS002", WARNING,
            "Database or cache listening beyond loopback: many run without authentication by default",
            "Bind it to 127.0.0.1 (bind-address, listen_addresses, bind) or restrict the port to the hosts that need it");
    public static final RuleInfo DOCKER_API = new RuleInfo("PS003", CRITICAL,
            "Unauthenticated Docker API listening beyond loopback: anyone who reaches it is root on this machine",
            "Remove -H tcp://0.0.0.0:2375 from the Docker daemon; use the unix socket, or TLS on 2376");
    public static final RuleInfo PROGRAM_PORT = new RuleInfo("PS004", WARNING,
            "Program and well-known port do not match (by process name): a known service on an unusual port, or another program on its port",
            "Check that the process is what it claims to be; move the service back to its port or record the exception in a policy");
    public static final RuleInfo PRIVILEGED_PORT = new RuleInfo("PS005", WARNING,
            "Privileged port (below 1024) held by an unprivileged user: any code running as that user can impersonate the service",
            "Run the service under its own account with only CAP_NET_BIND_SERVICE, or keep a root master process");
    public static final RuleInfo CLOSE_WAIT = new RuleInfo("PS006", WARNING,
            "Many connections stuck in CLOSE_WAIT in one process: the program does not close sockets its peers closed",
            "Fix the connection leak in the program (close on EOF, set timeouts); restarting it frees them for now");
    public static final RuleInfo SNMP = new RuleInfo("PS007", WARNING,
            "SNMP agent listening beyond loopback: SNMPv1/v2c carry their community strings (the only password) in clear text, "
                    + "and default communities such as public or private often give read or write access; portscope does not try "
                    + "any community, it only sees that the agent can be reached",
            "Bind the agent to 127.0.0.1 or to the management network only (agentAddress in snmpd.conf), allow just the monitoring "
                    + "hosts, remove the default communities and use SNMPv3 with authPriv");
    public static final RuleInfo PROBED_MISMATCH = new RuleInfo("PS008", WARNING,
            "Port speaks another protocol than the service its number is registered to (found by probing): something else "
                    + "answering on a service's port, as a hidden or impostor service would",
            "Check which program serves the port and why; stop the stranger or give it a port of its own, "
                    + "or allow the listener with its process in a policy");

    public static final RuleInfo NOT_ALLOWED = new RuleInfo("PS100", WARNING,
            "Listener beyond loopback not allowed by the policy",
            "Stop the listener or bind it to loopback, or add it to the policy's allow list");
    public static final RuleInfo REQUIRED_MISSING = new RuleInfo("PS101", CRITICAL,
            "Listener required by the policy is not listening",
            "Start the service that should listen on this port, and check its logs for why it stopped");
    public static final RuleInfo FORBIDDEN = new RuleInfo("PS102", CRITICAL,
            "Port forbidden by the policy is listening",
            "Stop the service holding the port, or take the port out of the policy's forbid list");
    public static final RuleInfo NEW_SINCE_BASELINE = new RuleInfo("PS103", WARNING,
            "Listener not present in the baseline",
            "Check what opened it; save a new baseline (portscope snapshot save) once it is expected");

    /** Mail transfer agents as their process names ({@code comm}) appear. */
    static final Set<String> MAIL_SERVERS = Set.of("exim", "exim4", "postfix", "master", "sendmail", "smtpd", "opensmtpd");

    /** Every rule, default and policy, in id order: SARIF lists them all. */
    public static final List<RuleInfo> ALL_INFO = List.of(
            CLEAR_TEXT, DATABASE, DOCKER_API, PROGRAM_PORT, PRIVILEGED_PORT, CLOSE_WAIT, SNMP, PROBED_MISMATCH,
            NOT_ALLOWED, REQUIRED_MISSING, FORBIDDEN, NEW_SINCE_BASELINE);

    /** The checks of the default rule set. */
    public static final List<AuditRule> RULES = List.of(
            new ExposedServiceRule(CLEAR_TEXT, new PortSet(
                    Map.of(21, "ftp", 23, "telnet", 111, "rpcbind", 512, "rexec", 513, "rlogin", 514, "rsh"),
                    Map.of(69, "tftp", 111, "rpcbind"))),
            new ExposedServiceRule(DATABASE, new PortSet(
                    Map.of(3306, "MySQL", 5432, "PostgreSQL", 6379, "Redis", 11211, "memcached", 27017, "MongoDB",
                            9200, "Elasticsearch", 5984, "CouchDB", 2379, "etcd"),
                    Map.of(11211, "memcached"))),
            new ExposedServiceRule(DOCKER_API, new PortSet(Map.of(2375, "Docker API"), Map.of())),
            new ProgramPortRule(PROGRAM_PORT, Map.of("sshd", Set.of(22)), Map.of(25, MAIL_SERVERS)),
            new PrivilegedPortRule(PRIVILEGED_PORT),
            new CloseWaitRule(CLOSE_WAIT),
            new ExposedServiceRule(SNMP, new PortSet(Map.of(), Map.of(161, "SNMP"))));

    public static java.util.Optional<RuleInfo> byId(String id) {
        return ALL_INFO.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
