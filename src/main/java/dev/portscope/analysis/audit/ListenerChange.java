package dev.portscope.analysis.audit;

/** How one listener differs between a baseline and now. */
public sealed interface ListenerChange {

    /** The kinds of change, as {@code diff --json} names them ({@code owner-changed}). */
    enum Kind { APPEARED, DISAPPEARED, OWNER_CHANGED, EXPOSURE_CHANGED }

    /** The listener concerned: as it is now, or as it was when it has gone. */
    BaselineListener listener();

    Kind kind();

    /** The listener as the baseline has it; null when it appeared. */
    BaselineListener before();

    /** The listener as it is now; null when it disappeared. */
    BaselineListener now();

    /** Listening now, not in the baseline. */
    record Appeared(BaselineListener listener) implements ListenerChange {
        public Kind kind() {
            return Kind.APPEARED;
        }

        public BaselineListener before() {
            return null;
        }

        public BaselineListener now() {
            return listener;
        }
    }

    /** In the baseline, not listening now. */
    record Disappeared(BaselineListener listener) implements ListenerChange {
        public Kind kind() {
            return Kind.DISAPPEARED;
        }

        public BaselineListener before() {
            return listener;
        }

        public BaselineListener now() {
            return null;
        }
    }

    /** Held by other programs or users than in the baseline. */
    record OwnerChanged(BaselineListener before, BaselineListener listener) implements ListenerChange {
        public Kind kind() {
            return Kind.OWNER_CHANGED;
        }

        public BaselineListener now() {
            return listener;
        }
    }

    /** Reachable from further, or less far, than in the baseline. */
    record ExposureChanged(BaselineListener before, BaselineListener listener) implements ListenerChange {
        public Kind kind() {
            return Kind.EXPOSURE_CHANGED;
        }

        public BaselineListener now() {
            return listener;
        }
    }
}
