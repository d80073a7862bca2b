package dev.streamz.frames.internal;

import dev.streamz.frames.Column;
import dev.streamz.frames.ColumnType;
import dev.streamz.frames.Frame;

import java.util.ArrayList;
import java.util.List;

/** Renders a frame as a pandas-like text table (see {@code Frame.toString}). */
public final class FrameFormatter {
    /** Frames with more rows than this show only their head and tail. */
    public static final int MAX_ROWS = 20;
    /** Rows shown at each end of a truncated frame. */
    public static final int EDGE_ROWS = 5;

    private FrameFormatter() {
    }

    /**
     * The table.
     *
     * @param frame a live frame
     * @return its text
     */
    public static String format(Frame frame) {
        int n = frame.rowCount();
        int cols = frame.columnCount();
        boolean truncated = n > MAX_ROWS;
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!truncated || i < EDGE_ROWS || i >= n - EDGE_ROWS) {
                shown.add(i);
            }
        }
        String[][] cells = new String[shown.size() + 1][cols + 1];
        cells[0][0] = "";
        for (int c = 0; c < cols; c++) {
            cells[0][c + 1] = frame.column(c).name();
        }
        for (int r = 0; r < shown.size(); r++) {
            int row = shown.get(r);
            cells[r + 1][0] = Integer.toString(row);
            for (int c = 0; c < cols; c++) {
                cells[r + 1][c + 1] = cell(frame.column(c), row);
            }
        }
        int[] width = new int[cols + 1];
        for (int c = 1; truncated && c <= cols; c++) {
            width[c] = 3; // room for the "..." line
        }
        for (String[] line : cells) {
            for (int c = 0; c <= cols; c++) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < cells.length; r++) {
            if (truncated && r == EDGE_ROWS + 1) {
                appendLine(sb, width, null);
            }
            appendLine(sb, width, cells[r]);
        }
        if (truncated || n == 0) {
            sb.append("\n\n[").append(n).append(n == 1 ? " row x " : " rows x ").append(cols)
                    .append(cols == 1 ? " column]" : " columns]");
        }
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, int[] width, String[] line) {
        if (!sb.isEmpty()) {
            sb.append('\n');
        }
        for (int c = 0; c < width.length; c++) {
            String text = line == null ? (c == 0 ? "" : "...") : line[c];
            if (c > 0) {
                sb.append("  ");
            }
            sb.append(" ".repeat(width[c] - text.length())).append(text);
        }
        // trailing spaces of an empty index cell are harmless; strip those at the end of the line
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
    }

    private static String cell(Column column, int row) {
        if (column.isNull(row)) {
            return "<NA>";
        }
        if (column.type() == ColumnType.FLOAT64) {
            double v = column.getDouble(row);
            return Double.isNaN(v) ? "NaN" : Double.toString(v);
        }
        return String.valueOf(column.get(row));
    }
}
