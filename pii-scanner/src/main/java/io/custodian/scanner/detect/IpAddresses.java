package io.custodian.scanner.detect;

/**
 * IPv4 addresses in dotted-decimal form (four octets 0-255, no leading zeros) and IPv6 addresses
 * (RFC 4291 text forms, with {@code ::} compression and an embedded IPv4 tail), parsed by hand:
 * {@link java.net.InetAddress} may resolve host names over DNS, which a scanner must never do.
 */
public final class IpAddresses implements ValueValidator {
    @Override
    public boolean isValid(String value) {
        return isIpv4(value) || isIpv6(value);
    }

    public static boolean isIpv4(String value) {
        int length = value.length();
        if (length < 7 || length > 15) {
            return false;
        }
        return ipv4At(value, 0, length);
    }

    private static boolean ipv4At(String value, int from, int to) {
        int octets = 0;
        int i = from;
        while (i <= to) {
            int start = i;
            int octet = 0;
            while (i < to && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
                octet = octet * 10 + (value.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return false;
                }
            }
            int digits = i - start;
            if (digits == 0 || octet > 255 || (digits > 1 && value.charAt(start) == '0')) {
                return false;
            }
            octets++;
            if (i == to) {
                return octets == 4;
            }
            if (value.charAt(i) != '.' || octets == 4) {
                return false;
            }
            i++;
        }
        return false;
    }

    public static boolean isIpv6(String value) {
        int length = value.length();
        if (length < 2 || length > 45 || value.indexOf(':') < 0) {
            return false;
        }
        char first = value.charAt(0);
        if (first != ':' && !Digits.isHex(first)) {
            return false;
        }
        int doubleColon = value.indexOf("::");
        if (doubleColon >= 0 && value.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        int groups = 0;
        int i = 0;
        if (doubleColon == 0) {
            i = 2;
            if (length == 2) {
                return true;
            }
        } else if (first == ':') {
            return false;
        }
        while (i < length) {
            int start = i;
            while (i < length && Digits.isHex(value.charAt(i))) {
                i++;
            }
            if (i < length && value.charAt(i) == '.') {
                // Embedded IPv4 tail: counts as two groups and ends the address.
                if (!ipv4At(value, start, length)) {
                    return false;
                }
                groups += 2;
                i = length;
                break;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4) {
                return false;
            }
            groups++;
            if (i == length) {
                break;
            }
            if (value.charAt(i) != ':') {
                return false;
            }
            if (i == doubleColon) {
                i += 2;
                if (i == length) {
                    break;
                }
            } else {
                i++;
                if (i == length) {
                    return false; // a single trailing colon
                }
            }
        }
        return doubleColon >= 0 ? groups < 8 : groups == 8;
    }
}
