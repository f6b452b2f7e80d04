package dev.portscope.analysis.why;

/** The answer to "can this bind succeed?". */
public enum BindVerdict {
    FREE("free"),
    /** It depends on socket options of the holders that the kernel does not report. */
    UNCERTAIN("uncertain"),
    BLOCKED("blocked");

    private final String label;

    BindVerdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
