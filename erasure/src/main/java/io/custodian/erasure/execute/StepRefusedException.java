package io.custodian.erasure.execute;

/** A person asked for a change to a step that its state or action does not allow (marking a DELETE done). */
public final class StepRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StepRefusedException(String message) {
        super(message);
    }
}
