package io.parley.bench;

/**
 * What a run amounts to, printed at the top of its summary and given as {@code parley bench}'s
 * exit code. A run can pass every delivery check and still not be a measurement of the shape it
 * was asked for: when the server fell behind the offered rate, its figures (latency above all)
 * describe an overloaded server, so that run is {@link #NOT_SUSTAINED}, never {@link #PASSED}.
 */
public enum Verdict {
    /** Every check held and the offered rate was sustained. */
    PASSED("PASSED", 0),
    /** A check failed: something lost, doubled, refused or disconnected (see the failures). */
    FAILED("FAILED", 1),
    /**
     * Every check held, but the senders or the server did not keep up with the offered rate
     * within {@link BenchResult#RATE_TOLERANCE}: the figures are those of an overloaded run.
     */
    NOT_SUSTAINED("NOT SUSTAINED", 4);

    private final String label;
    private final int exitCode;

    Verdict(String label, int exitCode) {
        this.label = label;
        this.exitCode = exitCode;
    }

    /** How the summary prints it. */
    public String label() {
        return label;
    }

    /** {@code parley bench}'s exit code for a run with this verdict. */
    public int exitCode() {
        return exitCode;
    }
}
