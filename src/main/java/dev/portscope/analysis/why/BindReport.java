package dev.portscope.analysis.why;

import dev.portscope.platform.PortSettings;
import dev.portscope.platform.BindTrial;

import java.util.List;
import java.util.Objects;

/**
 * Everything {@code portscope why} found about one bind.
 *
 * @param request    the bind asked about
 * @param settings   the kernel settings it was judged against
 * @param blockers   what stands in the way, most likely culprit first
 * @param bystanders sockets on the port that do not conflict (another address, {@code IPV6_V6ONLY})
 * @param foreign    sockets on the port in other network namespaces
 * @param cautions   facts that do not block the bind now but may (ephemeral range) or that limit the answer
 * @param trial      the real bind's outcome with {@code --try}, null without
 * @param verdict    the answer
 * @param nextStep   what to do, one sentence
 */
public record BindReport(
        BindRequest request,
        PortSettings settings,
        List<Blocker> blockers,
        List<OwnedSocket> bystanders,
        List<OwnedSocket> foreign,
        List<String> cautions,
        BindTrial trial,
        BindVerdict verdict,
        String nextStep) {

    public BindReport {
        Objects.requireNonNull(request, "request");
        blockers = List.copyOf(blockers);
        bystanders = List.copyOf(bystanders);
        foreign = List.copyOf(foreign);
        cautions = List.copyOf(cautions);
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(nextStep, "nextStep");
    }
}
