package io.custodian.erasure.execute;

/** Told of execution's progress, as it is recorded; the default listens to nothing. */
public interface ExecutionListener {
    ExecutionListener NONE = new ExecutionListener() { };

    /** A chunk of a DELETE committed and its progress was recorded: {@code step} holds the rows deleted so far. */
    default void chunkDeleted(StepState step) { }
}
