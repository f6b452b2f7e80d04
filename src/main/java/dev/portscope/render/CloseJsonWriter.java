package dev.portscope.render;

import dev.portscope.analysis.close.ClosePlan;
import dev.portscope.analysis.close.Connection;
import dev.portscope.analysis.close.LeftOut;
import dev.portscope.model.Diagnostic;
import dev.portscope.platform.SocketCloser.Outcome;
import dev.portscope.platform.SocketCloser.Result;
import java.io.Writer;
import java.util.List;

/**
 * {@code close --json} ({@link JsonFormat#CLOSE}): each connection the filter selected for closing,
 * with its processes and what came of it, and how many sockets were left alone, by reason. Layout
 * in the README.
 */
public final class CloseJsonWriter {

    private final Writer out;
    private final ListingContext context;
    private final JsonEnvelope envelope;

    public CloseJsonWriter(Writer out, ListingContext context, JsonEnvelope envelope) {
        this.out = out;
        this.context = context;
        this.envelope = envelope;
    }

    /**
     * @param results what became of each target, in the plan's order; null when nothing was asked
     *                (a dry run, or the question was not answered yes)
     */
    public void write(ClosePlan plan, boolean dryRun, List<Result> results, List<Diagnostic> diagnostics) {
        JsonDocument.write(out, JsonFormat.CLOSE, envelope, diagnostics, json -> {
            json.writeBooleanField("dryRun", dryRun);
            json.writeArrayFieldStart("connections");
            for (int i = 0; i < plan.targets().size(); i++) {
                Connection c = plan.targets().get(i);
                Result r = results == null ? null : results.get(i);
                json.writeStartObject();
                JsonSocketFields.writeSocket(json, c.socket(), context);
                JsonSocketFields.writeProcesses(json, c.owners());
                json.writeStringField("outcome", r == null ? null : JsonNames.of(r.outcome()));
                json.writeStringField("error", r == null ? null : r.detail());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("leftOut");
            for (LeftOut reason : LeftOut.values()) {
                json.writeNumberField(JsonNames.of(reason), plan.leftOut(reason));
            }
            json.writeEndObject();
            long closed = results == null ? 0 : results.stream().filter(r -> r.outcome() == Outcome.CLOSED).count();
            long gone = results == null ? 0 : results.stream().filter(r -> r.outcome() == Outcome.GONE).count();
            json.writeNumberField("closed", closed);
            json.writeNumberField("alreadyGone", gone);
            json.writeNumberField("stillOpen", results == null ? plan.targets().size() : results.size() - closed - gone);
        });
    }
}
