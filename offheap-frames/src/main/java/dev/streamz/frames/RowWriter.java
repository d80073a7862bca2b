package dev.streamz.frames;

/**
 * Writes one Java object as one row: calls the builder's {@code add*} methods once per column, in schema
 * order ({@link FrameBuilder#appendAll} ends the row).
 *
 * <pre>{@code
 * record Trade(long id, double price, String symbol) {}
 * RowWriter<Trade> writer = (t, row) -> row.addLong(t.id()).addDouble(t.price()).addString(t.symbol());
 * }</pre>
 *
 * @param <T> the object type
 */
@FunctionalInterface
public interface RowWriter<T> {
    /**
     * Writes {@code item}'s columns.
     *
     * @param item the object
     * @param row the builder, positioned at the row's first column
     */
    void write(T item, FrameBuilder row);
}
