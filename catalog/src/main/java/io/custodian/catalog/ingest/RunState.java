package io.custodian.catalog.ingest;

/**
 * The run states of OpenLineage's {@code eventType}. The rank orders states that carry the same
 * eventTime, so that the final state does not depend on the order events arrive in.
 */
public enum RunState {
    START(1),
    RUNNING(2),
    OTHER(0),
    COMPLETE(3),
    FAIL(3),
    ABORT(3);

    private final int rank;

    RunState(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public boolean isTerminal() {
        return this == COMPLETE || this == FAIL || this == ABORT;
    }
}
