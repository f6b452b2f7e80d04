package dev.portscope.tui;

import dev.portscope.engine.Change;
import dev.portscope.engine.Refresh;
import dev.portscope.engine.Sighting;
import dev.portscope.engine.SocketIdentity;
import dev.portscope.query.filter.Filter;
import dev.portscope.services.ServiceTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code top} shows, without drawing it: the rows of the last refresh that the scope and the
 * filter select, sorted and grouped, with their marks (opened, closed, changed cells) and the
 * selection, which follows its socket from one refresh to the next. Pure: refreshes and keys in,
 * lines out; {@link TopScreen} draws them.
 */
public final class TopModel {

    /** Refreshes a new row stays green and a changed cell yellow. */
    static final int MARKED_REFRESHES = 2;

    private static final Set<TopColumn> NO_CELLS = Set.of();

    private final ServiceTable services;
    private final List<TopColumn> columns;
    private TopScope scope;
    private TopGrouping grouping = TopGrouping.NONE;
    private TopColumn sortColumn = TopColumn.LOCAL;
    private boolean descending;
    private Filter filter = new Filter.MatchAll();
    private String filterText = "";

    private long sequence;
    private Map<SocketIdentity, Sighting> live = Map.of();
    private List<Change.Closed> closed = List.of();
    private List<Change> changes = List.of();
    private final Map<SocketIdentity, Long> openedAt = new HashMap<>();
    private final Map<SocketIdentity, Map<TopColumn, Long>> changedAt = new HashMap<>();

    private TopSummary summary = TopSummary.EMPTY;
    private List<TopLine> lines = List.of();
    private int rowCount;
    private SocketIdentity selected;
    private int selectedLine = -1;

    /**
     * @param details  whether the sockets carry TCP details (adds the RTT and RETRANS columns)
     * @param services resolves the service names a filter may use ({@code sport = :ssh})
     */
    public TopModel(boolean details, TopScope scope, ServiceTable services) {
        this.columns = TopColumn.shown(details);
        this.scope = scope;
        this.services = services;
    }

    /** Takes the engine's latest refresh. */
    public void update(Refresh refresh) {
        Map<SocketIdentity, Sighting> previous = live;
        sequence = refresh.sequence();
        live = refresh.sightings();
        closed = refresh.recentlyClosed();
        changes = refresh.changes();
        for (Change change : changes) {
            if (change instanceof Change.Opened opened) {
                openedAt.put(opened.sighting().identity(), sequence);
            }
        }
        for (var entry : live.entrySet()) {
            Sighting before = previous.get(entry.getKey());
            Sighting after = entry.getValue();
            // most sockets are as they were: one comparison of values, not one per column
            if (before != null && !(before.socket().equals(after.socket()) && before.owners().equals(after.owners()))) {
                for (TopColumn column : columns) {
                    if (column.changed(before, after)) {
                        changedAt.computeIfAbsent(entry.getKey(), k -> new EnumMap<>(TopColumn.class)).put(column, sequence);
                    }
                }
            }
        }
        openedAt.entrySet().removeIf(e -> !live.containsKey(e.getKey()) || sequence - e.getValue() >= MARKED_REFRESHES);
        changedAt.entrySet().removeIf(e -> {
            e.getValue().values().removeIf(at -> sequence - at >= MARKED_REFRESHES);
            return e.getValue().isEmpty() || !live.containsKey(e.getKey());
        });
        summary = TopSummary.of(live.values(), changes, filter);
        rebuild();
    }

    /**
     * Filters by an expression in the listings' {@code ss} language; the empty text shows every socket.
     *
     * @return the one-line error of a filter that cannot be read, which leaves the filter as it was
     */
    public Optional<String> filter(String text) {
        Filter parsed;
        try {
            parsed = Filter.parse(text, services);
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        filter = parsed;
        filterText = text.strip();
        summary = TopSummary.of(live.values(), changes, filter);
        rebuild();
        return Optional.empty();
    }

    /** Sorts by the next column to the right ({@code +1}) or left ({@code -1}), in that column's first direction. */
    public void moveSort(int step) {
        int at = columns.indexOf(sortColumn);
        sortBy(columns.get(Math.floorMod(at + step, columns.size())));
    }

    public void sortBy(TopColumn column) {
        sortColumn = column;
        descending = column.descendingFirst();
        rebuild();
    }

    public void reverseSort() {
        descending = !descending;
        rebuild();
    }

    public void cycleScope() {
        scope = scope.next();
        rebuild();
    }

    public void cycleGrouping() {
        grouping = grouping.next();
        rebuild();
    }

    /** Moves the selection by {@code rows} rows (negative: up), skipping group titles, stopping at either end. */
    public void moveSelection(int rows) {
        List<Integer> rowLines = rowLines();
        if (rowLines.isEmpty()) {
            return;
        }
        int at = Math.max(0, rowLines.indexOf(selectedLine));
        select(rowLines.get(Math.clamp((long) at + rows, 0, rowLines.size() - 1)));
    }

    public void selectFirst() {
        moveSelection(Integer.MIN_VALUE / 2);
    }

    public void selectLast() {
        moveSelection(Integer.MAX_VALUE / 2);
    }

    private void rebuild() {
        List<TopRow> rows = new ArrayList<>();
        for (var entry : live.entrySet()) {
            Sighting sighting = entry.getValue();
            if (scope.includes(sighting.socket()) && filter.test(sighting.socket())) {
                SocketIdentity identity = entry.getKey();
                TopRow.Mark mark = openedAt.containsKey(identity) ? TopRow.Mark.NEW : TopRow.Mark.NONE;
                Map<TopColumn, Long> cells = changedAt.get(identity);
                rows.add(new TopRow(identity, sighting, mark, cells == null ? NO_CELLS : cells.keySet()));
            }
        }
        Set<SocketIdentity> shownClosed = new HashSet<>();
        for (Change.Closed c : closed) {
            SocketIdentity identity = c.sighting().identity();
            if (!live.containsKey(identity) && shownClosed.add(identity) && scope.includes(c.socket()) && filter.test(c.socket())) {
                rows.add(new TopRow(identity, c.sighting(), TopRow.Mark.CLOSED, EnumSet.noneOf(TopColumn.class)));
            }
        }
        rows = sorted(rows);
        List<TopLine> built = new ArrayList<>(rows.size());
        if (grouping == TopGrouping.NONE) {
            rows.forEach(r -> built.add(new TopLine.Row(r)));
        } else {
            // groups in the order of their first row, so that the sort decides which group comes first
            Map<String, List<TopRow>> groups = new LinkedHashMap<>();
            rows.forEach(r -> groups.computeIfAbsent(grouping.titleOf(r.sighting()), t -> new ArrayList<>()).add(r));
            groups.forEach((title, members) -> {
                built.add(new TopLine.Title(title, members.size()));
                members.forEach(r -> built.add(new TopLine.Row(r)));
            });
        }
        lines = List.copyOf(built);
        rowCount = rows.size();
        reselect();
    }

    /** A row with its sort keys, taken once per row rather than at each comparison (200,000 rows sort in well under a second). */
    private record Keyed(TopRow row, Comparable<?> key, Comparable<?> local, Comparable<?> remote) {}

    /**
     * The rows in the chosen column's order; ties by local then remote endpoint, then protocol,
     * then a closed row after a live one, so that the order never depends on the kernel's.
     */
    private List<TopRow> sorted(List<TopRow> rows) {
        List<Keyed> keyed = new ArrayList<>(rows.size());
        for (TopRow r : rows) {
            Sighting s = r.sighting();
            keyed.add(new Keyed(r, sortColumn.key(s), TopColumn.LOCAL.key(s), TopColumn.REMOTE.key(s)));
        }
        Comparator<Keyed> order = (a, b) -> TopColumn.compareKeys(a.key(), b.key(), descending);
        order = order.thenComparing((a, b) -> TopColumn.compareKeys(a.local(), b.local(), false))
                .thenComparing((a, b) -> TopColumn.compareKeys(a.remote(), b.remote(), false))
                .thenComparing(k -> k.row().sighting(), TopColumn.PROTO.order(false))
                .thenComparing(k -> k.row().mark() == TopRow.Mark.CLOSED);
        keyed.sort(order);
        List<TopRow> out = new ArrayList<>(keyed.size());
        keyed.forEach(k -> out.add(k.row()));
        return out;
    }

    /** Keeps the selection on its socket; when that is gone, on the row now where it was. */
    private void reselect() {
        if (selected != null) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i) instanceof TopLine.Row r && r.row().identity().equals(selected)) {
                    selectedLine = i;
                    return;
                }
            }
        }
        List<Integer> rowLines = rowLines();
        if (rowLines.isEmpty()) {
            selected = null;
            selectedLine = -1;
            return;
        }
        int wanted = Math.max(0, selectedLine);
        int line = rowLines.stream().filter(i -> i >= wanted).findFirst().orElse(rowLines.getLast());
        select(line);
    }

    private void select(int line) {
        selectedLine = line;
        selected = ((TopLine.Row) lines.get(line)).row().identity();
    }

    private List<Integer> rowLines() {
        List<Integer> indexes = new ArrayList<>(rowCount);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) instanceof TopLine.Row) {
                indexes.add(i);
            }
        }
        return indexes;
    }

    public List<TopLine> lines() {
        return lines;
    }

    /** How many socket rows (group titles not counted). */
    public int rowCount() {
        return rowCount;
    }

    /** The index in {@link #lines} of the selected row, -1 when there is none. */
    public int selectedLine() {
        return selectedLine;
    }

    public Optional<TopRow> selectedRow() {
        return selectedLine < 0 ? Optional.empty() : Optional.of(((TopLine.Row) lines.get(selectedLine)).row());
    }

    public List<TopColumn> columns() {
        return columns;
    }

    public TopSummary summary() {
        return summary;
    }

    public TopColumn sortColumn() {
        return sortColumn;
    }

    public boolean descending() {
        return descending;
    }

    public TopScope scope() {
        return scope;
    }

    public TopGrouping grouping() {
        return grouping;
    }

    /** The filter as typed, stripped; empty when none. */
    public String filterText() {
        return filterText;
    }

    /** The refresh shown (1 for the first), 0 before any. */
    public long sequence() {
        return sequence;
    }
}
