package dev.portscope.render;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/**
 * Small tables written whole: each column as wide as its widest cell, two spaces apart, no trailing
 * blanks. Every cell goes through {@link ForeignText}: probe and scan tables quote process names and
 * what servers sent (banners, certificate subjects), which any local user controls.
 */
final class AlignedRows {

    private AlignedRows() {}

    /** @param rightAligned the indexes of the columns aligned right (numbers) */
    static void print(PrintWriter out, List<List<String>> given, Set<Integer> rightAligned) {
        List<List<String>> rows = given.stream().map(row -> row.stream().map(ForeignText::visible).toList()).toList();
        int[] widths = new int[rows.getFirst().size()];
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = row.get(i);
                String padding = " ".repeat(widths[i] - cell.length());
                line.append(rightAligned.contains(i) ? padding + cell : cell + padding).append("  ");
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
