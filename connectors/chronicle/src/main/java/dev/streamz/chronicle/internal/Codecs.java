package dev.streamz.chronicle.internal;

import dev.streamz.chronicle.ExcerptCodec;
import dev.streamz.chronicle.ExcerptIn;
import dev.streamz.chronicle.ExcerptOut;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/** The built-in codecs. */
public final class Codecs {
    private Codecs() {
    }

    /** The payload as a {@code byte[]}. */
    public static final ExcerptCodec<byte[]> BYTES = new ExcerptCodec<>() {
        @Override
        public void encode(byte[] value, ExcerptOut out) {
            out.writeBytes(value, 0, value.length);
        }

        @Override
        public byte[] decode(ExcerptIn in) {
            byte[] b = new byte[Math.toIntExact(in.remaining())];
            in.readBytes(b, 0, b.length);
            return b;
        }

        @Override
        public String name() {
            return "bytes";
        }
    };

    /** The payload as UTF-8 text. */
    public static final ExcerptCodec<String> UTF8 = new ExcerptCodec<>() {
        @Override
        public void encode(String value, ExcerptOut out) {
            out.writeUtf8(value);
        }

        @Override
        public String decode(ExcerptIn in) {
            byte[] b = new byte[Math.toIntExact(in.remaining())];
            in.readBytes(b, 0, b.length);
            return new String(b, StandardCharsets.UTF_8);
        }

        @Override
        public String name() {
            return "utf8";
        }
    };

    /**
     * Decodes into one reusable object.
     *
     * @param <T> element type
     */
    public static final class Reusing<T> implements ExcerptCodec<T> {
        private final Supplier<? extends T> factory;
        private final BiConsumer<? super T, ExcerptOut> encode;
        private final BiConsumer<ExcerptIn, ? super T> decodeInto;
        private T target;

        /**
         * @param factory makes the reusable object, on first decode
         * @param encode writes an element
         * @param decodeInto overwrites the object
         */
        public Reusing(Supplier<? extends T> factory, BiConsumer<? super T, ExcerptOut> encode,
                       BiConsumer<ExcerptIn, ? super T> decodeInto) {
            if (factory == null || encode == null || decodeInto == null) {
                throw new IllegalArgumentException("ExcerptCodec.reusing: factory, encode and decodeInto must not be null");
            }
            this.factory = factory;
            this.encode = encode;
            this.decodeInto = decodeInto;
        }

        @Override
        public void encode(T value, ExcerptOut out) {
            encode.accept(value, out);
        }

        @Override
        public T decode(ExcerptIn in) {
            T t = target;
            if (t == null) {
                t = factory.get();
                if (t == null) {
                    throw new IllegalStateException("ExcerptCodec.reusing: the factory returned null");
                }
                target = t;
            }
            decodeInto.accept(in, t);
            return t;
        }

        @Override
        public String name() {
            return "reusing";
        }
    }
}
