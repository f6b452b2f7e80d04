package dev.portscope.render;

import dev.portscope.model.Diagnostic;
import java.util.List;

/** Writes a listing as it is produced: a header, rows one by one, then what was missing. */
public interface ListingWriter {

    void begin(ListingHeader header);

    void row(ListingRow row);

    /** Ends the listing. Diagnostics go to the output only in machine formats; tables leave them to stderr. */
    void end(List<Diagnostic> diagnostics, boolean partial);
}
