package dev.streamz.kafka;

/**
 * A send to Kafka failed: carries the element that was not written, so an error handler can retry it or
 * write it elsewhere. It is the cause of the {@link dev.streamz.StreamException} that {@link KafkaSink}
 * reports.
 */
public final class KafkaSendException extends RuntimeException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    /** The element; not serialized (it need not be serializable). */
    private final transient Object element;
    /** The topic the element was for. */
    private final String topic;

    /**
     * Creates the exception.
     *
     * @param element the element that was not written
     * @param topic the topic it was for
     * @param cause what the producer reported
     */
    public KafkaSendException(Object element, String topic, Throwable cause) {
        super("send to topic '" + topic + "' failed for element " + describe(element), cause);
        this.element = element;
        this.topic = topic;
    }

    /**
     * The element that was not written.
     *
     * @return the element
     */
    public Object element() {
        return element;
    }

    /**
     * The topic the element was for.
     *
     * @return the topic
     */
    public String topic() {
        return topic;
    }

    /** A short, printable form of an element: byte arrays by size, long strings cut. */
    static String describe(Object x) {
        if (x instanceof byte[] b) {
            return "byte[" + b.length + "]";
        }
        String s = String.valueOf(x);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
