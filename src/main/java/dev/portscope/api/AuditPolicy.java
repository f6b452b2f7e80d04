package dev.portscope.api;

import dev.portscope.analysis.audit.Policy;
import dev.portscope.analysis.audit.PolicyException;
import dev.portscope.analysis.audit.PolicyParser;
import dev.portscope.app.FileException;
import dev.portscope.app.InputFiles;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules an audit applies: portscope's default rules alone, or with a policy in the YAML format
 * of the README's "Security audit" (allowed listeners, required ones, rule settings).
 *
 * {@snippet :
 * AuditPolicy defaults = AuditPolicy.defaults();
 * AuditPolicy fromFile = AuditPolicy.read(Path.of("/etc/portscope/policy.yaml"));
 * AuditPolicy inline = AuditPolicy.parse("""
 *         version: 1
 *         allow:
 *           - port: 22
 *             process: sshd
 *         """, "inline policy");
 * }
 */
public final class AuditPolicy {

    private final Optional<Policy> policy;
    private final String name;

    private AuditPolicy(Optional<Policy> policy, String name) {
        this.policy = policy;
        this.name = name;
    }

    /** The default rules only. */
    public static AuditPolicy defaults() {
        return new AuditPolicy(Optional.empty(), "the default rules");
    }

    /**
     * A policy's text.
     *
     * @param name what to call it in error messages (a file name)
     * @throws IllegalArgumentException when it is not a valid policy; the message is one line naming
     *                                  the name, line and column
     */
    public static AuditPolicy parse(String yaml, String name) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(name, "name");
        try {
            return new AuditPolicy(Optional.of(PolicyParser.parse(yaml, name)), name);
        } catch (PolicyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * A policy file: a regular file of at most 4 MiB in UTF-8.
     *
     * @throws IllegalArgumentException when it cannot be read or is not a valid policy; the message is one line
     */
    public static AuditPolicy read(Path file) {
        String action = "read policy";
        try {
            byte[] bytes = InputFiles.read(file, action, InputFiles.POLICY_LIMIT);
            return parse(InputFiles.text(bytes, file, action), file.toString());
        } catch (FileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    Optional<Policy> rules() {
        return policy;
    }

    @Override
    public String toString() {
        return name;
    }
}
