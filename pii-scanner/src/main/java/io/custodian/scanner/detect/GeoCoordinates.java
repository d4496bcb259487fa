package io.custodian.scanner.detect;

/**
 * Latitude/longitude positions: a pair of decimal degrees ({@code 48.8566, 2.3522}, in parentheses
 * or not, comma or space separated, or WKT {@code POINT(lon lat)}), or, for a column named as one
 * half, a single coordinate. Degrees need at least three decimals: pairs of small numbers with
 * fewer are sizes, scores and versions, not places.
 */
public final class GeoCoordinates implements ValueValidator {
    private static final int MIN_DECIMALS = 3;

    @Override
    public boolean isValid(String value) {
        int length = value.length();
        if (length < 11 || length > 60) {
            return false;
        }
        String text = value;
        boolean lonFirst = false;
        char first = text.charAt(0);
        if (first == 'P' || first == 'p') {
            if (!text.regionMatches(true, 0, "POINT", 0, 5)) {
                return false;
            }
            text = text.substring(5).trim();
            lonFirst = true;
            first = text.isEmpty() ? ' ' : text.charAt(0);
        }
        if (first == '(') {
            if (text.charAt(text.length() - 1) != ')') {
                return false;
            }
            text = text.substring(1, text.length() - 1).trim();
        }
        int split = text.indexOf(',');
        String a;
        String b;
        if (split >= 0) {
            a = text.substring(0, split).trim();
            b = text.substring(split + 1).trim();
        } else {
            split = text.indexOf(' ');
            if (split < 0) {
                return false;
            }
            a = text.substring(0, split).trim();
            b = text.substring(split + 1).trim();
        }
        double lat = degrees(lonFirst ? b : a);
        double lon = degrees(lonFirst ? a : b);
        return Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
    }

    /** A single latitude or longitude: signed decimal degrees within +/-180 with three or more decimals. */
    public static boolean isSingleCoordinate(String value) {
        return Math.abs(degrees(value)) <= 180;
    }

    /** The decimal degrees written in the text, or NaN when it is not a decimal with enough places. */
    static double degrees(String text) {
        int length = text.length();
        if (length < 2 + MIN_DECIMALS || length > 24) {
            return Double.NaN;
        }
        int i = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        int intDigits = 0;
        while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
            intDigits++;
        }
        if (intDigits == 0 || intDigits > 3 || i == length || text.charAt(i) != '.') {
            return Double.NaN;
        }
        int decimals = 0;
        i++;
        while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
            decimals++;
        }
        if (i != length || decimals < MIN_DECIMALS) {
            return Double.NaN;
        }
        return Double.parseDouble(text);
    }
}
