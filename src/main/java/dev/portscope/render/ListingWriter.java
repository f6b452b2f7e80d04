package dev.portscope.render;

import dev.portscope.model.Diagnostic;
import java.util.List;

/** Writes a listing as it is produced: a header, rows one by one, then what was missing. */
public interface ListingWriter {

    void begin(ListingHeader header);

    void row(ListingRow row);

    /** Starts a group of rows ({@code --group-by}); machine formats only keep the order. */
    default void group(String title) {}

    /** Ends the listing. Diagnostics go to the output only in machine formats; tables leave them to stderr. */
    void end(List<Diagnostic> diagnostics, boolean partial);
}
