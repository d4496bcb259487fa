package io.custodian.erasure.request;

import io.custodian.erasure.plan.SubjectIdentifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an identifier in a subject request may look like. A request's identifiers only ever reach
 * a database as bound parameters, but a value no data system would hold (a quote, a semicolon, a
 * control character, an email without its @) is a mistake or a probe, and is refused before
 * anything is stored, naming the value's place in the request and never the value.
 */
public final class IdentifierRules {
    /** At most this many values per request, all types together. */
    public static final int MAX_VALUES = 20;
    /** At most this many characters per value. */
    public static final int MAX_LENGTH = 256;
    private static final Pattern EMAIL = Pattern.compile("[^\\s@\"'`;<>()\\[\\],\\\\]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]{4,32}");
    // Letters, digits and the punctuation ids, usernames and national numbers use; no quotes, ; or =.
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._:@+/-]{0,255}");

    private IdentifierRules() {}

    /** One problem with one value: its JSON pointer in the request and what is wrong. */
    public record Violation(String pointer, String detail) {}

    /**
     * The problems with a request's identifiers, none when they are acceptable.
     *
     * @param identifying the types the policy set says identify a subject
     */
    public static List<Violation> check(Map<String, List<String>> identifiers, Set<String> identifying) {
        List<Violation> out = new ArrayList<>();
        if (identifiers.isEmpty()) {
            out.add(new Violation("/subject/identifiers", "give at least one identifier, such as EMAIL_ADDRESS"));
            return out;
        }
        int count = 0;
        for (Map.Entry<String, List<String>> entry : identifiers.entrySet()) {
            String type = entry.getKey();
            String at = "/subject/identifiers/" + type.replace("~", "~0").replace("/", "~1");
            if (!identifying.contains(type)) {
                out.add(new Violation(at, "is not an identifier type (one value designating one person): use one of "
                        + new java.util.TreeSet<>(identifying)));
                continue;
            }
            if (entry.getValue().isEmpty()) {
                out.add(new Violation(at, "has no value"));
            }
            for (int i = 0; i < entry.getValue().size(); i++) {
                count++;
                String value = entry.getValue().get(i);
                String where = at + "/" + i;
                if (value == null || value.isBlank()) {
                    out.add(new Violation(where, "is empty"));
                } else if (value.length() > MAX_LENGTH) {
                    out.add(new Violation(where, "is " + value.length() + " characters; at most " + MAX_LENGTH));
                } else if (!value.equals(value.strip())) {
                    out.add(new Violation(where, "starts or ends with white space"));
                } else if (!pattern(type).matcher(value).matches()) {
                    out.add(new Violation(where, "is not " + shape(type)));
                }
            }
        }
        if (count > MAX_VALUES) {
            out.add(new Violation("/subject/identifiers", count + " values; a request names one person by at most "
                    + MAX_VALUES));
        }
        return out;
    }

    /**
     * Whether {@code value} has the shape of an identifier of {@code type}: what a request may give,
     * and all that resolution may take from the data (a column classified as a type can hold other
     * things: free text, or values a propagated classification does not fit).
     */
    public static boolean wellFormed(String type, String value) {
        return value != null && !value.isBlank() && value.length() <= MAX_LENGTH && value.equals(value.strip())
                && pattern(type).matcher(value).matches();
    }

    /** The identifiers, checked. */
    public static SubjectIdentifiers checked(Map<String, List<String>> identifiers, Set<String> identifying) {
        List<Violation> problems = check(identifiers, identifying);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(problems.get(0).pointer() + " " + problems.get(0).detail());
        }
        return new SubjectIdentifiers(identifiers);
    }

    private static Pattern pattern(String type) {
        return switch (type) {
            case "EMAIL_ADDRESS" -> EMAIL;
            case "PHONE_NUMBER" -> PHONE;
            default -> TOKEN;
        };
    }

    private static String shape(String type) {
        return switch (type) {
            case "EMAIL_ADDRESS" -> "an email address";
            case "PHONE_NUMBER" -> "a telephone number (digits, spaces, + ( ) . -)";
            default -> "an identifier: letters and digits, with spaces and . _ : @ + / - inside";
        };
    }
}
