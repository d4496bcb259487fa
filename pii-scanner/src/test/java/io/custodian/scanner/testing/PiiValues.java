package io.custodian.scanner.testing;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/**
 * Generates valid identifiers of the kinds datafaker does not (or not with valid check digits),
 * computing each check digit by its published rule, from a caller's seeded {@link Random}.
 */
public final class PiiValues {
    private final Random random;

    public PiiValues(Random random) {
        this.random = random;
    }

    public String digits(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    /** A Luhn-valid card number with the prefix given and total length. */
    public String card(String prefix, int length) {
        String body = prefix + digits(length - prefix.length() - 1);
        for (int d = 0; d < 10; d++) {
            if (luhn(body + d)) {
                return body + d;
            }
        }
        throw new IllegalStateException();
    }

    public String anyCard() {
        return switch (random.nextInt(4)) {
            case 0 -> card("4", 16);
            case 1 -> card("5" + (1 + random.nextInt(5)), 16);
            case 2 -> card(random.nextBoolean() ? "34" : "37", 15);
            default -> card("6011", 16);
        };
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** An IBAN with valid mod-97 check digits for the country and account part given. */
    public String iban(String country, String bban) {
        String rearranged = bban + country + "00";
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        return country + String.format("%02d", check) + bban;
    }

    public String anyIban() {
        return switch (random.nextInt(4)) {
            case 0 -> iban("DE", digits(18));
            case 1 -> iban("GB", "NWBK" + digits(14));
            case 2 -> iban("ES", digits(20));
            default -> iban("FR", digits(23));
        };
    }

    public String nif() {
        String number = digits(8);
        return number + "TRWAGMYFPDXBNJZSQVHLCKE".charAt(Integer.parseInt(number) % 23);
    }

    public String nie() {
        int prefix = random.nextInt(3);
        String number = digits(7);
        return "XYZ".charAt(prefix) + number + "TRWAGMYFPDXBNJZSQVHLCKE".charAt(Integer.parseInt(prefix + number) % 23);
    }

    public String ssn() {
        int area;
        do {
            area = 1 + random.nextInt(899);
        } while (area == 666);
        return String.format("%03d-%02d-%04d", area, 1 + random.nextInt(99), 1 + random.nextInt(9999));
    }

    public String nino() {
        String firsts = "ABCEGHJKLMNPRSTWXYZ";
        String seconds = "ABCEGHJKLMNPRSTWXYZ";
        String prefix;
        do {
            prefix = "" + firsts.charAt(random.nextInt(firsts.length())) + seconds.charAt(random.nextInt(seconds.length()));
        } while (prefix.equals("BG") || prefix.equals("GB") || prefix.equals("NK") || prefix.equals("KN")
                || prefix.equals("TN") || prefix.equals("NT") || prefix.equals("ZZ"));
        return prefix + digits(6) + "ABCD".charAt(random.nextInt(4));
    }

    public String nhs() {
        while (true) {
            String body = digits(9);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (body.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return body + check;
            }
        }
    }

    private static final int[][] D = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
        {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
        {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
        {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] P = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
        {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
        {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
    private static final int[] INV = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

    public String aadhaar() {
        String body = (char) ('2' + random.nextInt(8)) + digits(10);
        int c = 0;
        for (int i = 0; i < body.length(); i++) {
            c = D[c][P[(i + 1) % 8][body.charAt(body.length() - 1 - i) - '0']];
        }
        return body + INV[c];
    }

    /** A North American VIN with a valid check digit. */
    public String vin() {
        String chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        StringBuilder b = new StringBuilder();
        b.append("1234579JKLSWYZ".charAt(random.nextInt(14)));
        for (int i = 1; i < 13; i++) {
            b.append(chars.charAt(random.nextInt(chars.length())));
        }
        b.append(digits(4));
        int[] weights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += value(b.charAt(i)) * weights[i];
        }
        int check = sum % 11;
        b.setCharAt(8, check == 10 ? 'X' : (char) ('0' + check));
        return b.toString();
    }

    private static int value(char c) {
        if (Character.isDigit(c)) {
            return c - '0';
        }
        return "0123456789.ABCDEFGH..JKLMN.P.R..STUVWXYZ".indexOf(c) % 10;
    }

    /** A Bitcoin P2PKH or P2SH address: version byte, 20 random bytes, double-SHA-256 checksum, Base58. */
    public String bitcoin() {
        byte[] payload = new byte[25];
        payload[0] = random.nextBoolean() ? (byte) 0x00 : (byte) 0x05;
        for (int i = 1; i < 21; i++) {
            payload[i] = (byte) random.nextInt(256);
        }
        byte[] check = sha256(sha256(java.util.Arrays.copyOf(payload, 21)));
        System.arraycopy(check, 0, payload, 21, 4);
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        BigInteger n = new BigInteger(1, payload);
        StringBuilder b = new StringBuilder();
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(58));
            b.append(alphabet.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < payload.length && payload[i] == 0; i++) {
            b.append('1');
        }
        return b.reverse().toString();
    }

    /** A SegWit v0 address (bech32, BIP 173) over 20 random bytes. */
    public String bech32() {
        int[] program = new int[32];
        int acc = 0;
        int bits = 0;
        int k = 0;
        for (int i = 0; i < 20; i++) {
            acc = (acc << 8) | random.nextInt(256);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                program[k++] = (acc >> bits) & 31;
            }
        }
        String charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        int[] data = new int[1 + k];
        data[0] = 0;
        System.arraycopy(program, 0, data, 1, k);
        int[] values = new int[5 + data.length + 6];
        values[0] = 'b' >> 5;
        values[1] = 'c' >> 5;
        values[2] = 0;
        values[3] = 'b' & 31;
        values[4] = 'c' & 31;
        System.arraycopy(data, 0, values, 5, data.length);
        int mod = polymod(values) ^ 1;
        StringBuilder b = new StringBuilder("bc1");
        for (int d : data) {
            b.append(charset.charAt(d));
        }
        for (int i = 0; i < 6; i++) {
            b.append(charset.charAt((mod >> (5 * (5 - i))) & 31));
        }
        return b.toString();
    }

    private static int polymod(int[] values) {
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int chk = 1;
        for (int v : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= gen[i];
                }
            }
        }
        return chk;
    }

    public String ethereum() {
        StringBuilder b = new StringBuilder("0x");
        for (int i = 0; i < 40; i++) {
            b.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return b.toString();
    }

    public String hex(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return b.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
