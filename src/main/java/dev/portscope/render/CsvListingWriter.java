package dev.portscope.render;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import dev.portscope.model.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** CSV (RFC 4180) with the table's columns, never shortened; one array per record. */
public final class CsvListingWriter implements ListingWriter {

    private final CsvGenerator csv;
    private final ListingContext context;
    private final boolean header;
    private List<Column> columns;

    public CsvListingWriter(Writer out, ListingContext context, boolean header) {
        try {
            this.csv = new CsvFactory().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.context = context;
        this.header = header;
    }

    @Override
    public void begin(ListingHeader listing) {
        columns = Column.of(listing.view(), context);
        if (header) {
            writeRecord(columns.stream().map(c -> c.header().toLowerCase(Locale.ROOT)).toList());
        }
    }

    @Override
    public void row(ListingRow row) {
        writeRecord(columns.stream().map(c -> ForeignText.csvCell(c.value(row, context))).toList());
    }

    @Override
    public void end(List<Diagnostic> diagnostics, boolean partial) {
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeRecord(List<String> values) {
        try {
            csv.writeStartArray();
            for (String v : values) {
                csv.writeString(v);
            }
            csv.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
