package io.custodian.scanner.scan;

import java.util.List;

/** A scan request that cannot run, with each problem and where in the request it is (a JSON pointer). */
public final class InvalidScanRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Violation> violations;

    public InvalidScanRequestException(List<Violation> violations) {
        super("the scan request is invalid: " + violations.size() + " problem(s)");
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** One problem: a JSON pointer into the request, and what is wrong there. */
    public record Violation(String pointer, String detail) {}
}
