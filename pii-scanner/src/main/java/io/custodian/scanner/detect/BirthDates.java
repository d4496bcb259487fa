package io.custodian.scanner.detect;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Calendar dates that could be a living or recently living person's date of birth: ISO
 * ({@code 1985-03-12}, also with {@code /}), day-first ({@code 12/03/1985}, {@code 12.03.1985},
 * {@code 12-03-1985}) or month-first US dates, optionally with a midnight time, falling between
 * 120 years ago and today. Dates with a time of day are events, not births.
 */
public final class BirthDates implements ValueValidator {
    private final Clock clock;

    public BirthDates(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean isValid(String value) {
        LocalDate date = parse(value);
        if (date == null) {
            return false;
        }
        LocalDate today = LocalDate.now(clock);
        return !date.isAfter(today) && date.isAfter(today.minusYears(120));
    }

    /** The date written in the value, or null if it is not a date in a supported form. */
    static LocalDate parse(String value) {
        int length = value.length();
        if (length < 8 || length > 25) {
            return null;
        }
        String date = value;
        if (length > 10) {
            String time = value.substring(10);
            if (!(time.equals(" 00:00:00") || time.equals("T00:00:00") || time.equals("T00:00:00Z")
                    || time.equals(" 00:00:00.0") || time.equals(" 00:00"))) {
                return null;
            }
            date = value.substring(0, 10);
        }
        if (date.length() != 10) {
            return null;
        }
        char c4 = date.charAt(4);
        char c2 = date.charAt(2);
        try {
            if ((c4 == '-' || c4 == '/') && date.charAt(7) == c4 && Digits.allDigits(date, 0, 4)) {
                return LocalDate.of(number(date, 0, 4), number(date, 5, 7), number(date, 8, 10));
            }
            if ((c2 == '/' || c2 == '.' || c2 == '-') && date.charAt(5) == c2 && Digits.allDigits(date, 6, 10)) {
                int first = number(date, 0, 2);
                int second = number(date, 3, 5);
                int year = number(date, 6, 10);
                // Day-first unless impossible; US month-first when the first part cannot be a month's day order.
                if (second <= 12) {
                    return LocalDate.of(year, second, first);
                }
                return LocalDate.of(year, first, second);
            }
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static int number(String text, int from, int to) {
        if (!Digits.allDigits(text, from, to)) {
            throw new NumberFormatException();
        }
        return Integer.parseInt(text, from, to, 10);
    }
}
