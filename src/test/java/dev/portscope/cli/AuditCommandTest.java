package dev.portscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portscope.testing.ChildProcess;
import dev.portscope.testing.CliRun;
import dev.portscope.testing.Fixtures;
import dev.portscope.testing.LoopbackSockets;
import dev.portscope.testing.SpecialFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("live")
class AuditCommandTest {

    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    /**
     * Drafts a policy of this machine, then audits against it. Other programs on a shared machine may
     * open listeners between the two runs, so up to three tries are given.
     */
    private CliRun initThenAudit(Path policy) {
        CliRun audit = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            CliRun init = CliRun.run("audit", "--init", policy.toString());
            assertThat(init.exitCode()).as(init.err()).isEqualTo(init.partial() ? ExitCodes.UNKNOWN : ExitCodes.OK);
            audit = CliRun.run("audit", "--policy", policy.toString(), "--json");
            if (audit.json().get("findings").isEmpty()) {
                return audit;
            }
        }
        return audit;
    }

    /** Regression: a process that named itself with spaces only made --init write a policy that --policy refused. */
    @Test
    void aPolicyDraftedWithAProcessNamedWithSpacesOnlyIsReadBack() throws Exception {
        String script = String.join("\n",
                "import ctypes, socket, time",
                "ctypes.CDLL(None).prctl(15, b'   ', 0, 0, 0)  # PR_SET_NAME",
                "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
                "print(s.getsockname()[1], flush=True)",
                "time.sleep(60)");
        try (var child = ChildProcess.start(List.of("python3", "-c", script))) {
            Path policy = dir.resolve("policy.yaml");
            CliRun init = CliRun.run("audit", "--init", policy.toString());
            // a process even root may not inspect (a sandbox's pid 1) makes the inspection incomplete: unknown, not OK
            assertThat(init.exitCode()).as(init.err()).isEqualTo(init.partial() ? ExitCodes.UNKNOWN : ExitCodes.OK);
            assertThat(Files.readString(policy)).contains("  - port: " + child.firstLine().strip() + "\n", "    process: \"   \"\n");
            CliRun audit = CliRun.run("audit", "--policy", policy.toString());
            assertThat(audit.err()).as("the policy is usable").doesNotContain(policy.toString());
            if (!audit.partial()) {
                assertThat(audit.exitCode()).as(audit.err()).isNotEqualTo(ExitCodes.UNKNOWN);
            }
        }
    }

    /** Regression: --init renamed its policy over /dev/full and said it wrote it. */
    @Test
    void initToADeviceWritesToItAndAFailedWriteIsUnknownInOneLine() throws Exception {
        String recording = Fixtures.path("netlink/loopback-all-states/recording.bin").toString();
        Path full = SpecialFiles.fullDevice(dir);
        CliRun failed = CliRun.run("audit", "--init", full.toString(), "--replay", recording);
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(failed.err().strip()).isEqualTo("portscope: cannot write " + full + ": no space left on device");
        assertThat(SpecialFiles.type(full)).isEqualTo("character special file");

        Path sink = SpecialFiles.nullDevice(dir);
        CliRun written = CliRun.run("audit", "--init", sink.toString(), "--replay", recording);
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(SpecialFiles.type(sink)).isEqualTo("character special file");
    }

    @Test
    void aDraftedPolicyAcceptsTheMachineAndNamesOneMoreListener() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        CliRun accepted = initThenAudit(policy);
        assertThat(accepted.exitCode()).as(accepted.out() + accepted.err())
                .isEqualTo(accepted.partial() ? ExitCodes.UNKNOWN : ExitCodes.OK);
        assertThat(accepted.json().get("findings")).isEmpty();
        assertThat(Files.readString(policy)).startsWith("# portscope audit policy").contains("version: 1", "allow:");

        try (LoopbackSockets sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("0.0.0.0"));
            CliRun audit = CliRun.run("audit", "--policy", policy.toString(), "--json");
            // a warning is certain only in a complete answer: a partial one is unknown
            assertThat(audit.exitCode()).as(audit.err()).isEqualTo(audit.partial() ? ExitCodes.UNKNOWN : ExitCodes.WARNING);
            List<String> ours = new ArrayList<>();
            for (JsonNode f : audit.json().get("findings")) {
                if (f.get("socket").path("port").asInt() == port) {
                    ours.add(f.get("ruleId").asText() + " " + f.get("processes").get(0).get("pid").asLong() + " " + f.get("message").asText());
                }
            }
            assertThat(ours).containsExactly("PS100 " + PID + " not allowed by the policy: " + port + "/tcp on all interfaces, pid " + PID
                    + " (java)");

            CliRun text = CliRun.run("audit", "--policy", policy.toString());
            assertThat(text.out()).contains("WARNING (").contains("PS100").contains("0.0.0.0:" + port).contains("fix: ");
            CliRun critical = CliRun.run("audit", "--policy", policy.toString(), "--fail-on", "critical");
            assertThat(critical.exitCode()).isEqualTo(critical.partial() ? ExitCodes.UNKNOWN : ExitCodes.OK);
        }
    }

    @Test
    void aBrokenPolicyIsOneLineAndUnknown() throws Exception {
        Path fixture = Fixtures.path("policies/port-out-of-range.yaml");
        CliRun run = CliRun.run("audit", "--policy", fixture.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(run.err()).isEqualTo("portscope: " + fixture + ":3:11: expected a port from 1 to 65535, found 70000" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingPolicyIsUnknown() {
        CliRun run = CliRun.run("audit", "--policy", dir.resolve("none.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(run.err()).isEqualTo("portscope: cannot read policy " + dir.resolve("none.yaml") + ": no such file" + System.lineSeparator());
    }

    @Test
    void aBadOptionValueIsUnknownNotCritical() {
        CliRun run = CliRun.run("audit", "--fail-on", "sometimes");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(run.err()).startsWith("portscope: Invalid value for option '--fail-on'").doesNotContain("at dev.");
        assertThat(CliRun.run("who", "--no-such-option", "22").exitCode()).isEqualTo(ExitCodes.USAGE);
        CliRun noRecording = CliRun.run("audit", "--replay", "/no/such/recording.bin");
        assertThat(noRecording.exitCode()).as(noRecording.err()).isEqualTo(ExitCodes.UNKNOWN);
    }

    @Test
    void conflictingOptionsAreUnknown() {
        CliRun run = CliRun.run("audit", "--json", "--sarif");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNKNOWN);
        assertThat(run.err()).contains("--json and --sarif exclude each other").doesNotContain("at dev.");
    }

    @Test
    void sarifHasTheRequiredFieldsOfVersionTwoPointOne() throws Exception {
        try (LoopbackSockets sockets = new LoopbackSockets()) {
            int port = LoopbackSockets.port(sockets.listen("0.0.0.0"));
            Path policy = dir.resolve("empty.yaml");
            Files.writeString(policy, "version: 1\nallow: []\n");
            CliRun run = CliRun.run("audit", "--policy", policy.toString(), "--sarif");
            JsonNode sarif = run.json();
            assertThat(sarif.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
            assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
            assertThat(sarif.get("runs")).hasSize(1);
            JsonNode runNode = sarif.get("runs").get(0);
            JsonNode driver = runNode.get("tool").get("driver");
            assertThat(driver.get("name").asText()).isEqualTo("portscope");
            List<String> ruleIds = new ArrayList<>();
            for (JsonNode rule : driver.get("rules")) {
                ruleIds.add(rule.get("id").asText());
                assertThat(rule.get("shortDescription").get("text").asText()).isNotBlank();
                assertThat(rule.get("help").get("text").asText()).isNotBlank();
                assertThat(rule.get("defaultConfiguration").get("level").asText()).isIn("warning", "error");
            }
            assertThat(ruleIds).contains("PS001", "PS002", "PS003", "PS004", "PS005", "PS006", "PS100");
            JsonNode ours = null;
            for (JsonNode result : runNode.get("results")) {
                assertThat(ruleIds).contains(result.get("ruleId").asText());
                assertThat(driver.get("rules").get(result.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(result.get("ruleId").asText());
                assertThat(result.get("level").asText()).isIn("warning", "error", "note", "none");
                assertThat(result.get("message").get("text").asText()).isNotBlank();
                assertThat(result.get("locations")).isNotEmpty();
                if (result.get("properties").get("socket").path("port").asInt() == port) {
                    ours = result;
                }
            }
            assertThat(ours).as(run.out()).isNotNull();
            assertThat(ours.get("ruleId").asText()).isEqualTo("PS100");
            assertThat(ours.get("locations").get(0).get("logicalLocations").get(0).get("name").asText()).isEqualTo("tcp/0.0.0.0:" + port);
        }
    }

    @Test
    void exitCodesFollowTheMonitoringPluginConvention() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "version: 1\nallow:\n  - port: 1-65535\n    protocol: any\n    scope: any\nrequire:\n  - port: 1\n");
        CliRun missing = CliRun.run("audit", "--policy", policy.toString(), "--json");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.CRITICAL);
        assertThat(missing.json().get("findings").get(0).get("message").asText()).isEqualTo("nothing listens on required port 1");
        Files.writeString(policy, "version: 1\nallow:\n  - port: 1-65535\n    protocol: any\n    scope: any\nrequire:\n  - port: 1\nthresholds:\n  closeWaitPerProcess: 1000000\nrules:\n  PS101: warning\n");
        // a partial answer (a holder the kernel hides, as a sandbox's pid 1 may) makes anything short of critical unknown
        CliRun warning = CliRun.run("audit", "--policy", policy.toString());
        assertThat(warning.exitCode()).isEqualTo(warning.partial() ? ExitCodes.UNKNOWN : ExitCodes.WARNING);
        CliRun critical = CliRun.run("audit", "--policy", policy.toString(), "--fail-on", "critical");
        assertThat(critical.exitCode()).isEqualTo(critical.partial() ? ExitCodes.UNKNOWN : ExitCodes.OK);
        Files.writeString(policy, "version: 1\nallow:\n  - port: 1-65535\n    protocol: any\n    scope: any\nrequire:\n  - port: 1\nthresholds:\n  closeWaitPerProcess: 1000000\nrules:\n  PS101: off\n");
        CliRun quiet = CliRun.run("audit", "--policy", policy.toString());
        assertThat(quiet.exitCode()).isEqualTo(quiet.partial() ? ExitCodes.UNKNOWN : ExitCodes.OK);
    }
}
