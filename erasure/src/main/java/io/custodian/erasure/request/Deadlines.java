package io.custodian.erasure.request;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;

/**
 * When requests are due, per regulation. Periods are counted in calendar terms in UTC: one month
 * from 31 January is the last day of February ({@link java.time.ZonedDateTime#plus} keeps the day
 * of month and, when the month is shorter, takes its last day).
 *
 * <p>A request is {@link Standing#OVERDUE} from its due instant on, {@link Standing#NEAR_DEADLINE}
 * when it falls due within the regulation's window, {@link Standing#ON_TRACK} otherwise, and
 * {@link Standing#CLOSED} once its status is final.
 */
public record Deadlines(Map<Regulation, Terms> terms) {
    public Deadlines {
        requireNonNull(terms, "terms is null");
        for (Regulation regulation : Regulation.values()) {
            if (!terms.containsKey(regulation)) {
                throw new IllegalArgumentException("no deadline terms for " + regulation);
            }
        }
        terms = Map.copyOf(terms);
    }

    /**
     * One regulation's terms.
     *
     * @param period       from receipt to the due date
     * @param maxExtension the most one extension may add (a request is extended once at most)
     * @param nearWindow   how long before the due date a request counts as near its deadline
     */
    public record Terms(Period period, Period maxExtension, Period nearWindow) {
        public Terms {
            requireNonNull(period, "period is null");
            requireNonNull(maxExtension, "maxExtension is null");
            requireNonNull(nearWindow, "nearWindow is null");
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a deadline period must be positive");
            }
            if (maxExtension.isNegative() || nearWindow.isNegative()) {
                throw new IllegalArgumentException("an extension and a near-deadline window cannot be negative");
            }
        }
    }

    /**
     * GDPR (Art. 12(3)): one month from receipt, extendable once by up to two months; CCPA
     * (§1798.130): 45 days, extendable once by up to 45 days. Either is near its deadline for its
     * last seven days.
     */
    public static Deadlines defaults() {
        Map<Regulation, Terms> terms = new EnumMap<>(Regulation.class);
        terms.put(Regulation.GDPR, new Terms(Period.ofMonths(1), Period.ofMonths(2), Period.ofDays(7)));
        terms.put(Regulation.CCPA, new Terms(Period.ofDays(45), Period.ofDays(45), Period.ofDays(7)));
        return new Deadlines(terms);
    }

    public Terms of(Regulation regulation) {
        return terms.get(requireNonNull(regulation, "regulation is null"));
    }

    /** When a request under {@code regulation} received at {@code received} is due. */
    public Instant due(Regulation regulation, Instant received) {
        return plus(requireNonNull(received, "received is null"), of(regulation).period());
    }

    /**
     * The due instant after extending {@code due} by {@code asked}.
     *
     * @throws IllegalArgumentException when {@code asked} is not positive or goes beyond the
     *                                  regulation's maximum extension
     */
    public Instant extended(Regulation regulation, Instant due, Period asked) {
        requireNonNull(due, "due is null");
        requireNonNull(asked, "asked is null");
        Period max = of(regulation).maxExtension();
        if (asked.isNegative() || asked.isZero()) {
            throw new IllegalArgumentException("an extension must be a positive period; " + asked + " was asked");
        }
        // Periods of months and of days do not compare by themselves: compare the dates they reach.
        Instant extended = plus(due, asked);
        if (extended.isAfter(plus(due, max))) {
            throw new IllegalArgumentException("a " + regulation + " deadline may be extended by at most " + max
                    + "; " + asked + " was asked");
        }
        return extended;
    }

    /** Where {@code request} stands at {@code now}. */
    public Standing standing(SubjectRequest request, Instant now) {
        requireNonNull(request, "request is null");
        requireNonNull(now, "now is null");
        if (request.status().isFinal()) {
            return Standing.CLOSED;
        }
        if (!now.isBefore(request.dueAt())) {
            return Standing.OVERDUE;
        }
        return request.dueAt().isAfter(nearThreshold(request.regulation(), now)) ? Standing.ON_TRACK
                : Standing.NEAR_DEADLINE;
    }

    /**
     * The latest due instant that is near its deadline at {@code now}: an open request under
     * {@code regulation} due after {@code now} and at or before this is {@link Standing#NEAR_DEADLINE}.
     */
    public Instant nearThreshold(Regulation regulation, Instant now) {
        return plus(requireNonNull(now, "now is null"), of(regulation).nearWindow());
    }

    private static Instant plus(Instant instant, Period period) {
        return instant.atZone(ZoneOffset.UTC).plus(period).toInstant();
    }
}
