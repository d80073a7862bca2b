package dev.streamz.frames;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The named, typed columns of a {@link Frame}, in order. Immutable; two schemas are equal when their
 * fields are, in the same order.
 *
 * <pre>{@code
 * Schema schema = Schema.builder().int64("id").float64("price").category("symbol").timestamp("ts").build();
 * }</pre>
 *
 * <p>Every column is nullable (a validity bitmap per column, as in Arrow).
 *
 * @param fields the columns, in order; names unique and not blank
 */
public record Schema(List<Field> fields) {
    /**
     * One column of a schema.
     *
     * @param name the column's name: not blank, unique in its schema
     * @param type its type
     */
    public record Field(String name, ColumnType type) {
        /** Validates the name and the type. */
        public Field {
            if (name == null) {
                throw new NullPointerException("Schema.Field: name must not be null");
            }
            if (type == null) {
                throw new NullPointerException("Schema.Field: type of column '" + name + "' must not be null");
            }
            if (name.isBlank()) {
                throw new IllegalArgumentException("Schema.Field: name must not be blank");
            }
        }
    }

    /** Validates the fields: not null, names unique. */
    public Schema {
        if (fields == null) {
            throw new NullPointerException("Schema: fields must not be null");
        }
        fields = List.copyOf(fields); // also refuses null elements
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            Integer before = seen.put(fields.get(i).name(), i);
            if (before != null) {
                throw new IllegalArgumentException("Schema: column name '" + fields.get(i).name()
                        + "' appears twice (columns " + before + " and " + i + ")");
            }
        }
    }

    /**
     * A schema of these fields.
     *
     * @param fields the columns, in order
     * @return the schema
     */
    public static Schema of(Field... fields) {
        if (fields == null) {
            throw new NullPointerException("Schema.of: fields must not be null");
        }
        return new Schema(List.of(fields));
    }

    /** {@return a builder of an empty schema} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the number of columns} */
    public int size() {
        return fields.size();
    }

    /**
     * The field at {@code index}.
     *
     * @param index a column index
     * @return its field
     * @throws IndexOutOfBoundsException if there is no such column
     */
    public Field field(int index) {
        return fields.get(index);
    }

    /**
     * The index of the column named {@code name}.
     *
     * @param name a column name
     * @return its index
     * @throws IllegalArgumentException naming the column and the schema's columns when there is none
     */
    public int indexOf(String name) {
        int i = find(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + name + "' in " + this);
        }
        return i;
    }

    /**
     * Whether a column is named {@code name}.
     *
     * @param name a column name
     * @return true when the schema has it
     */
    public boolean contains(String name) {
        return find(name) >= 0;
    }

    private int find(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** {@return the column names, in order} */
    public List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        for (Field f : fields) {
            names.add(f.name());
        }
        return names;
    }

    /** {@return the column types, in order, as a fresh array} */
    public ColumnType[] types() {
        ColumnType[] types = new ColumnType[fields.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = fields.get(i).type();
        }
        return types;
    }

    /** {@return the schema as {@code Schema[id: INT64, price: FLOAT64]}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Schema[");
        for (int i = 0; i < fields.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(fields.get(i).name()).append(": ").append(fields.get(i).type());
        }
        return sb.append(']').toString();
    }

    /** Builds a {@link Schema} column by column. */
    public static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a column.
         *
         * @param name its name
         * @param type its type
         * @return this builder
         */
        public Builder column(String name, ColumnType type) {
            fields.add(new Field(name, type));
            return this;
        }

        /**
         * Adds an {@link ColumnType#INT32} column.
         *
         * @param name its name
         * @return this builder
         */
        public Builder int32(String name) {
            return column(name, ColumnType.INT32);
        }

        /**
         * Adds an {@link ColumnType#INT64} column.
         *
         * @param name its name
         * @return this builder
         */
        public Builder int64(String name) {
            return column(name, ColumnType.INT64);
        }

        /**
         * Adds a {@link ColumnType#FLOAT64} column.
         *
         * @param name its name
         * @return this builder
         */
        public Builder float64(String name) {
            return column(name, ColumnType.FLOAT64);
        }

        /**
         * Adds a {@link ColumnType#BOOLEAN} column.
         *
         * @param name its name
         * @return this builder
         */
        public Builder bool(String name) {
            return column(name, ColumnType.BOOLEAN);
        }

        /**
         * Adds a {@link ColumnType#TIMESTAMP} column (epoch nanoseconds).
         *
         * @param name its name
         * @return this builder
         */
        public Builder timestamp(String name) {
            return column(name, ColumnType.TIMESTAMP);
        }

        /**
         * Adds a {@link ColumnType#CATEGORY} column (dictionary-encoded strings).
         *
         * @param name its name
         * @return this builder
         */
        public Builder category(String name) {
            return column(name, ColumnType.CATEGORY);
        }

        /**
         * Builds the schema.
         *
         * @return the schema
         * @throws IllegalArgumentException if two columns share a name
         */
        public Schema build() {
            return new Schema(fields);
        }
    }
}
