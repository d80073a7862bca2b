package dev.streamz.dataframe;

import dev.streamz.frames.Schema;

/** User aggregations the conformance tests run through the {@link Aggregation} SPI. */
public final class TestAggregations {
    private TestAggregations() {
    }

    /** streamz's Custom of the recorded cases: state s (initial 0), onNew gives (s + 1, s), onOld (s - 100, s). */
    public static final class Custom implements Aggregation<long[], Double> {
        /** A fresh aggregation. */
        public Custom() {
        }

        @Override
        public long[] initial(Schema schema) {
            return new long[2]; // {s, the last result}
        }

        @Override
        public long[] onNew(long[] s, Rows rows) {
            s[1] = s[0];
            s[0] += 1;
            return s;
        }

        @Override
        public long[] onOld(long[] s, Rows rows) {
            s[1] = s[0];
            s[0] -= 100;
            return s;
        }

        @Override
        public Double result(long[] s) {
            return (double) s[1];
        }
    }

    /** A user sum of the first column: state {sum}, updated in place. */
    public static final class UserSum implements Aggregation<double[], Double> {
        /** A fresh aggregation. */
        public UserSum() {
        }

        @Override
        public double[] initial(Schema schema) {
            return new double[1];
        }

        @Override
        public double[] onNew(double[] s, Rows rows) {
            s[0] += rows.sum(0);
            return s;
        }

        @Override
        public double[] onOld(double[] s, Rows rows) {
            s[0] -= rows.sum(0);
            return s;
        }

        @Override
        public Double result(double[] s) {
            return s[0];
        }
    }

}
