package dev.streamz.frames.internal.arrow;

import dev.streamz.frames.ColumnType;

/**
 * The Arrow C Data Interface format strings of our column types, in one place.
 *
 * <pre>
 *   INT32 "i"   INT64 "l"   FLOAT64 "g"   BOOLEAN "b"   TIMESTAMP "tsn:UTC" (imports any "tsn:..." zone)
 *   CATEGORY "i" indices with a dictionary schema "u" (utf8; "U", large utf8, imports too)
 * </pre>
 */
public final class CDataFormats {
    /** Format of a struct (the frame itself). */
    public static final String STRUCT = "+s";
    /** Format of a UTF-8 string array (a category column's dictionary). */
    public static final String UTF8 = "u";
    /** Format of a UTF-8 string array with 64-bit offsets. */
    public static final String LARGE_UTF8 = "U";
    /** What import accepts, for error messages. */
    public static final String SUPPORTED =
            "i (int32), l (int64), g (float64), b (boolean), tsn:<zone> (timestamp[ns]), "
                    + "i indices with a u/U dictionary (category)";

    private CDataFormats() {
    }

    /**
     * @param type a column type
     * @return its format string (CATEGORY: the index format; the dictionary is {@link #UTF8})
     */
    public static String format(ColumnType type) {
        return switch (type) {
            case INT32, CATEGORY -> "i";
            case INT64 -> "l";
            case FLOAT64 -> "g";
            case BOOLEAN -> "b";
            case TIMESTAMP -> "tsn:UTC";
        };
    }

    /**
     * The column type of a (non-dictionary) format string.
     *
     * @param format an Arrow format string
     * @return its column type, or null when we have none for it
     */
    public static ColumnType type(String format) {
        return switch (format) {
            case "i" -> ColumnType.INT32;
            case "l" -> ColumnType.INT64;
            case "g" -> ColumnType.FLOAT64;
            case "b" -> ColumnType.BOOLEAN;
            default -> format.startsWith("tsn:") ? ColumnType.TIMESTAMP : null;
        };
    }

    /**
     * A readable name of common Arrow formats, for errors ("tsu:UTC" is "timestamp[us, UTC]").
     *
     * @param format an Arrow format string
     * @return a description, or the format itself
     */
    public static String describe(String format) {
        if (format.startsWith("ts") && format.length() >= 4 && format.charAt(3) == ':') {
            String unit = switch (format.charAt(2)) {
                case 's' -> "s";
                case 'm' -> "ms";
                case 'u' -> "us";
                case 'n' -> "ns";
                default -> "?";
            };
            String zone = format.substring(4);
            return "timestamp[" + unit + (zone.isEmpty() ? "" : ", " + zone) + "]";
        }
        return switch (format) {
            case "n" -> "null";
            case "c" -> "int8";
            case "C" -> "uint8";
            case "s" -> "int16";
            case "S" -> "uint16";
            case "I" -> "uint32";
            case "L" -> "uint64";
            case "e" -> "float16";
            case "f" -> "float32";
            case "u" -> "utf8";
            case "U" -> "large utf8";
            case "z" -> "binary";
            case "Z" -> "large binary";
            case "tdD" -> "date32[day]";
            case "tdm" -> "date64[ms]";
            case "+l" -> "list";
            case "+L" -> "large list";
            case "+s" -> "struct";
            case "+m" -> "map";
            default -> format.startsWith("d:") ? "decimal" : format;
        };
    }
}
