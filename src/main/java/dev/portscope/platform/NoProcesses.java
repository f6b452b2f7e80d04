package dev.portscope.platform;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.OwnerIndex;
import dev.portscope.model.ProcessInfo;
import dev.portscope.model.ProcessOrigin;
import java.util.Optional;
import java.util.function.LongPredicate;

/** A process source that knows none: a replay's sockets belong to processes of another moment. */
public record NoProcesses(String why) implements ProcessSource {

    @Override
    public OwnerScan scanOwners(LongPredicate wanted, DiagnosticLog log) {
        log.report(Diagnostic.Kind.NOTE, why);
        return new OwnerScan(OwnerIndex.empty());
    }

    @Override
    public Optional<ProcessInfo> describe(int pid, DiagnosticLog log) {
        return Optional.empty();
    }

    @Override
    public ProcessOrigin origin(int pid) {
        return ProcessOrigin.NONE;
    }

    @Override
    public String userName(int uid) {
        return Integer.toString(uid);
    }
}
