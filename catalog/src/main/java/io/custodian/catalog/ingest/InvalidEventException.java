package io.custodian.catalog.ingest;

import java.util.List;

/** An event that is not valid OpenLineage, or that Custodian cannot store; nothing of it was written. */
public final class InvalidEventException extends RuntimeException {
    private final List<EventViolation> violations;
    private final boolean malformedJson;

    private InvalidEventException(List<EventViolation> violations, boolean malformedJson) {
        super(summary(violations));
        this.violations = List.copyOf(violations);
        this.malformedJson = malformedJson;
    }

    static InvalidEventException of(List<EventViolation> violations) {
        return new InvalidEventException(violations, false);
    }

    static InvalidEventException malformedJson(String pointer, String message) {
        return new InvalidEventException(List.of(new EventViolation(pointer, message)), true);
    }

    public List<EventViolation> violations() {
        return violations;
    }

    /** True when the body is not JSON at all, as opposed to JSON that is not a valid event. */
    public boolean isMalformedJson() {
        return malformedJson;
    }

    private static String summary(List<EventViolation> violations) {
        if (violations.size() == 1) {
            return violations.get(0).toString();
        }
        return violations.size() + " problems, first: " + violations.get(0);
    }
}
