package dev.portscope.render;

import dev.portscope.model.Diagnostic;
import dev.portscope.model.PortForward;
import java.util.List;

/** Writes a listing as it is produced: a header, rows one by one, then what was missing. */
public interface ListingWriter {

    void begin(ListingHeader header);

    void row(ListingRow row);

    /** Starts a group of rows ({@code --group-by}); machine formats only keep the order. */
    default void group(String title) {}

    /**
     * Ports published by NAT rules, with no socket on this machine ({@code listen}): machine formats
     * that can say so keep them for {@link #end}; the others leave them to the caller.
     *
     * @return whether this writer writes them
     */
    default boolean published(List<PortForward> forwards) {
        return false;
    }

    /** Ends the listing. Diagnostics go to the output only in machine formats; tables leave them to stderr. */
    void end(List<Diagnostic> diagnostics, boolean partial);
}
