package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.LoopbackSockets;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit --sarif} validated against the SARIF 2.1.0 JSON schema of the OASIS SARIF TC
 * ({@code Schemata/sarif-schema-2.1.0.json}, kept under {@code src/test/resources/schemas}).
 */
@Tag("live")
class SarifSchemaTest {

    @TempDir
    Path dir;

    private static Schema sarifSchema() throws Exception {
        try (InputStream in = SarifSchemaTest.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
    }

    @Test
    void anAuditWithFindingsOnASocketAndWithoutOneIsValidSarif() throws Exception {
        Schema schema = sarifSchema();
        try (LoopbackSockets sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("0.0.0.0"));
            Path policy = dir.resolve("policy.yaml");
            // nothing allowed (every listener beyond loopback is a finding), and a required port nothing can hold
            Files.writeString(policy, "version: 1\nallow: []\nrequire:\n  - port: 1\n    protocol: udp\n");
            CliRun run = CliRun.run("audit", "--policy", policy.toString(), "--sarif");
            assertThat(run.exitCode()).as(run.err()).isIn(ExitCodes.CRITICAL, ExitCodes.UNKNOWN);
            JsonNode sarif = run.json();
            List<String> rules = sarif.findValuesAsText("ruleId");
            assertThat(rules).contains("PS100", "PS101");
            assertThat(run.out()).contains("tcp/0.0.0.0:" + port);

            List<Error> errors = schema.validate(sarif);
            assertThat(errors).as(run.out()).isEmpty();
        }
    }

    /** The schema is really applied: a log with an unknown level and without a version is refused. */
    @Test
    void aBrokenLogIsRefusedByTheSchema() throws Exception {
        Schema schema = sarifSchema();
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "version: 1\nallow: []\nrequire:\n  - port: 1\n    protocol: udp\n");
        JsonNode sarif = CliRun.run("audit", "--policy", policy.toString(), "--sarif").json();
        assertThat(schema.validate(sarif)).isEmpty();

        ObjectNode broken = sarif.deepCopy();
        broken.remove("version");
        ((ObjectNode) broken.get("runs").get(0).get("results").get(0)).put("level", "fatal");
        List<String> messages = schema.validate(broken).stream().map(Error::getMessage).toList();
        assertThat(messages).anyMatch(m -> m.contains("version")).anyMatch(m -> m.contains("fatal") || m.contains("enum"));
    }
}
