package io.custodian.erasure.policy;

/**
 * What a subject request does to one dataset. A rule of the erasure policy may set any of them
 * but {@link #UNRESOLVED}, which only the planner decides.
 */
public enum ErasureAction {
    /** Delete the subject's rows: raw and cleaned copies keyed by the subject. */
    DELETE_ROWS,
    /** Keep the rows (a duty to keep them applies) and rewrite their personal columns. */
    ANONYMIZE,
    /** Keep the rows unchanged under a legal basis (a legal hold), until an end date. */
    RETAIN,
    /** Nothing to do: the dataset holds no data that identifies the subject (an aggregate). */
    NO_ACTION,
    /** Not reachable by SQL (files, topics, indexes, backups): a person does it and marks it done. */
    MANUAL,
    /** Holds personal data but gives no column to find the subject's rows: a person decides. */
    UNRESOLVED;

    /** Whether execution changes data for this action. */
    public boolean changesData() {
        return this == DELETE_ROWS || this == ANONYMIZE;
    }

    /** Whether the step waits for a person to mark it done. */
    public boolean needsPerson() {
        return this == MANUAL || this == UNRESOLVED;
    }
}
