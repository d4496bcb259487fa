package io.custodian.scanner.detect;

import java.util.Set;

/**
 * Email addresses, by RFC 5321/5322 rules for the common dot-atom form: a local part of at most 64
 * characters without leading, trailing or doubled dots, one {@code @}, and a domain of at least two
 * labels (letters, digits, hyphens; internationalized letters allowed) whose top-level label is
 * alphabetic (or an {@code xn--} IDN label) and not a file extension, so {@code logo@2x.png} is not
 * an address. Quoted local parts and address literals are not accepted: they do not occur in data
 * worth flagging.
 */
public final class EmailAddresses implements ValueValidator {
    private static final String LOCAL_SPECIALS = "!#$%&'*+/=?^_`{|}~.-";
    private static final Set<String> FILE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "bmp",
            "ico", "tif", "tiff", "css", "js", "json", "xml", "pdf", "txt", "csv", "html", "htm", "zip", "gz",
            "mp3", "mp4", "mov", "avi", "wav", "exe", "dll", "jar", "doc", "docx", "xls", "xlsx", "ppt", "log",
            "yml", "yaml", "md", "sh", "py", "java", "class");

    @Override
    public boolean isValid(String value) {
        int length = value.length();
        if (length < 6 || length > 254) {
            return false;
        }
        int at = value.indexOf('@');
        if (at < 1 || at > 64 || value.indexOf('@', at + 1) >= 0 || at >= length - 4) {
            return false;
        }
        return localPart(value, at) && domain(value, at + 1, length);
    }

    private static boolean localPart(String value, int end) {
        char previous = '.';
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c == '.' && previous == '.') {
                return false; // leading or doubled dot
            }
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || LOCAL_SPECIALS.indexOf(c) >= 0 || (c > 127 && Character.isLetterOrDigit(c));
            if (!ok) {
                return false;
            }
            previous = c;
        }
        return previous != '.';
    }

    private static boolean domain(String value, int from, int to) {
        if (to - from > 253) {
            return false;
        }
        int labels = 0;
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            char c = i == to ? '.' : value.charAt(i);
            if (c == '.') {
                int labelLength = i - labelStart;
                if (labelLength == 0 || labelLength > 63 || value.charAt(labelStart) == '-' || value.charAt(i - 1) == '-') {
                    return false;
                }
                labels++;
                if (i == to) {
                    return labels >= 2 && topLevel(value, labelStart, to);
                }
                labelStart = i + 1;
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                    || (c > 127 && Character.isLetterOrDigit(c)))) {
                return false;
            }
        }
        return false;
    }

    private static boolean topLevel(String value, int from, int to) {
        String tld = value.substring(from, to);
        if (tld.regionMatches(true, 0, "xn--", 0, 4)) {
            return tld.length() > 4;
        }
        if (tld.length() < 2) {
            return false;
        }
        for (int i = 0; i < tld.length(); i++) {
            if (!Character.isLetter(tld.charAt(i))) {
                return false;
            }
        }
        return !FILE_EXTENSIONS.contains(tld.toLowerCase(java.util.Locale.ROOT));
    }
}
