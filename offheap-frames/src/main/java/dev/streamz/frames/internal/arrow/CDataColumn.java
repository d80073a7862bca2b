package dev.streamz.frames.internal.arrow;

import dev.streamz.frames.ColumnType;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * One column as the C Data Interface sees it, independent of the frame model: the buffers are views (no
 * copy) of a frame's memory when exporting, and of the producer's memory when importing.
 *
 * @param name the field name
 * @param type the column type
 * @param length rows
 * @param nullCount rows whose validity bit is clear
 * @param validity Arrow validity bitmap starting at row 0 (bit set = present), or null when every row is present
 * @param values the values buffer starting at row 0 (bit-packed for BOOLEAN, int32 codes for CATEGORY)
 * @param dictionary the strings the codes of a CATEGORY column index; null for other types
 */
public record CDataColumn(String name, ColumnType type, long length, long nullCount, MemorySegment validity,
                          MemorySegment values, List<String> dictionary) {
}
