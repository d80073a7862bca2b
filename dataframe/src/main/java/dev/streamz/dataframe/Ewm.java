package dev.streamz.dataframe;

/**
 * How an exponentially weighted mean decays, given the way pandas and streamz let you say it: a centre of
 * mass, a span, a half-life or the smoothing factor itself. Each factory checks its argument's range and
 * converts it to the smoothing factor {@code alpha}:
 * <pre>
 *   com      c  &gt;= 0   alpha = 1 / (1 + c)
 *   span     s  &gt;= 1   alpha = 2 / (s + 1)
 *   halflife h  &gt;  0   alpha = 1 − exp(ln(0.5) / h)
 *   alpha    a in (0, 1]
 * </pre>
 *
 * @param alpha the smoothing factor, in (0, 1]: the weight of the newest row is proportional to 1, the
 *              one before to {@code 1 − alpha}, and so on
 */
public record Ewm(double alpha) {
    /**
     * Checks the smoothing factor.
     *
     * @param alpha the smoothing factor
     * @throws IllegalArgumentException when alpha is not in (0, 1]
     */
    public Ewm {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("ewm: alpha must satisfy 0 < alpha <= 1, got " + alpha);
        }
    }

    /**
     * Returns the decay with {@code alpha = 1 / (1 + com)}.
     *
     * @param com the centre of mass, at least 0
     * @return the decay with {@code alpha = 1 / (1 + com)}
     * @throws IllegalArgumentException when com is negative or NaN
     */
    public static Ewm com(double com) {
        if (!(com >= 0)) {
            throw new IllegalArgumentException("ewm: com must satisfy com >= 0, got " + com);
        }
        return new Ewm(1.0 / (1.0 + com));
    }

    /**
     * Returns the decay with {@code alpha = 2 / (span + 1)}.
     *
     * @param span the span, at least 1
     * @return the decay with {@code alpha = 2 / (span + 1)}
     * @throws IllegalArgumentException when span is below 1 or NaN
     */
    public static Ewm span(double span) {
        if (!(span >= 1)) {
            throw new IllegalArgumentException("ewm: span must satisfy span >= 1, got " + span);
        }
        return new Ewm(2.0 / (span + 1.0));
    }

    /**
     * Returns the decay with {@code alpha = 1 − exp(ln(0.5) / halflife)}.
     *
     * @param halflife the half-life in rows, above 0
     * @return the decay with {@code alpha = 1 − exp(ln(0.5) / halflife)}
     * @throws IllegalArgumentException when halflife is not above 0
     */
    public static Ewm halflife(double halflife) {
        if (!(halflife > 0)) {
            throw new IllegalArgumentException("ewm: halflife must satisfy halflife > 0, got " + halflife);
        }
        return new Ewm(1.0 - Math.exp(Math.log(0.5) / halflife));
    }

    /**
     * Returns the decay with that factor.
     *
     * @param alpha the smoothing factor, in (0, 1]
     * @return the decay with that factor
     * @throws IllegalArgumentException when alpha is not in (0, 1]
     */
    public static Ewm alpha(double alpha) {
        return new Ewm(alpha);
    }

    /** {@return the centre of mass equivalent to {@link #alpha()}: {@code (1 − alpha) / alpha}} */
    public double com() {
        return (1.0 - alpha) / alpha;
    }
}
