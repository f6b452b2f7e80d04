package dev.portscope.analysis.audit;

/** How one listener differs between a baseline and now. */
public sealed interface ListenerChange {

    /** The listener concerned: as it is now, or as it was when it has gone. */
    BaselineListener listener();

    /** Listening now, not in the baseline. */
    record Appeared(BaselineListener listener) implements ListenerChange {}

    /** In the baseline, not listening now. */
    record Disappeared(BaselineListener listener) implements ListenerChange {}

    /** Held by other programs or users than in the baseline. */
    record OwnerChanged(BaselineListener before, BaselineListener listener) implements ListenerChange {}

    /** Reachable from further, or less far, than in the baseline. */
    record ExposureChanged(BaselineListener before, BaselineListener listener) implements ListenerChange {}
}
