package dev.portscope.render;

import dev.portscope.analysis.audit.BaselineListener;
import dev.portscope.analysis.audit.ListenerChange;
import dev.portscope.model.AddressText;
import java.io.PrintWriter;
import java.util.List;

/** {@code portscope diff}: one line per change, {@code +} appeared, {@code -} disappeared, {@code ~} changed. */
public final class BaselineDiffTextWriter {

    private BaselineDiffTextWriter() {}

    public static void write(PrintWriter out, List<ListenerChange> changes) {
        if (changes.isEmpty()) {
            out.println("no listener changed since the baseline");
        }
        for (ListenerChange c : changes) {
            String line = switch (c) {
                case ListenerChange.Appeared a -> "+ " + a.listener().key() + " appeared: " + describe(a.listener());
                case ListenerChange.Disappeared d -> "- " + d.listener().key() + " disappeared: was " + describe(d.listener());
                case ListenerChange.OwnerChanged o -> "~ " + o.listener().key() + " changed owner: " + owners(o.before())
                        + " -> " + owners(o.listener());
                case ListenerChange.ExposureChanged e -> "~ " + e.listener().key() + " changed exposure: "
                        + e.before().exposure().label() + " -> " + e.listener().exposure().label();
            };
            out.println(ForeignText.visible(line));
        }
        out.flush();
    }

    private static String describe(BaselineListener l) {
        return l.exposure().label() + " (" + String.join(", ", l.addresses().stream().map(AddressText::of).toList()) + "), " + owners(l);
    }

    private static String owners(BaselineListener l) {
        if (l.processes().isEmpty()) {
            return "owner unknown";
        }
        return String.join(", ", l.processes()) + " as " + String.join(", ", l.users())
                + (l.pids().isEmpty() ? "" : " (pid " + l.pids().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("") + ")");
    }
}
