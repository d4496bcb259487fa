package io.custodian.scanner.detect;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Cryptocurrency wallet addresses: Bitcoin legacy and script addresses (Base58Check with a
 * double-SHA-256 checksum and a mainnet or testnet version byte), Bitcoin SegWit addresses (bech32
 * and bech32m, BIP 173 and BIP 350) and Ethereum addresses ({@code 0x} and 40 hex digits, with the
 * EIP-55 mixed-case checksum checked when the address carries one).
 */
public final class CryptoWallets implements ValueValidator {
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] BASE58_INDEX = new int[128];
    private static final int[] BECH32_INDEX = new int[128];

    static {
        Arrays.fill(BASE58_INDEX, -1);
        Arrays.fill(BECH32_INDEX, -1);
        for (int i = 0; i < BASE58.length(); i++) {
            BASE58_INDEX[BASE58.charAt(i)] = i;
        }
        for (int i = 0; i < BECH32.length(); i++) {
            BECH32_INDEX[BECH32.charAt(i)] = i;
        }
    }

    @Override
    public boolean isValid(String value) {
        int length = value.length();
        if (length < 26 || length > 90) {
            return false;
        }
        char first = value.charAt(0);
        if (first == '0') {
            return isEthereum(value);
        }
        if (first == 'b' || first == 'B' || first == 't' || first == 'T') {
            return isBech32(value);
        }
        if (first == '1' || first == '3' || first == 'm' || first == 'n' || first == '2') {
            return isBase58Check(value);
        }
        return false;
    }

    static boolean isEthereum(String value) {
        if (value.length() != 42 || value.charAt(1) != 'x') {
            return false;
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 2; i < 42; i++) {
            char c = value.charAt(i);
            if (!Digits.isHex(c)) {
                return false;
            }
            lower |= c >= 'a' && c <= 'f';
            upper |= c >= 'A' && c <= 'F';
        }
        // One case throughout carries no checksum; mixed case is EIP-55's, and must match it.
        return !(lower && upper) || eip55(value);
    }

    /** EIP-55: a letter is upper case where the Keccak-256 of the lower-case address has a nibble of 8 or more. */
    private static boolean eip55(String value) {
        String hex = value.substring(2).toLowerCase(java.util.Locale.ROOT);
        byte[] hash = Keccak256.hash(hex.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        for (int i = 0; i < 40; i++) {
            char c = value.charAt(i + 2);
            if (Character.isLetter(c)) {
                int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
                if ((nibble >= 8) != Character.isUpperCase(c)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isBase58Check(String value) {
        int length = value.length();
        if (length < 26 || length > 35) {
            return false;
        }
        BigInteger number = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(58);
        int leadingOnes = 0;
        boolean leading = true;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            int digit = c < 128 ? BASE58_INDEX[c] : -1;
            if (digit < 0) {
                return false;
            }
            if (leading && digit == 0) {
                leadingOnes++;
            } else {
                leading = false;
            }
            number = number.multiply(base).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = number.toByteArray();
        int start = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
        int size = magnitude.length - start + leadingOnes;
        if (number.signum() == 0) {
            size = leadingOnes;
        }
        if (size != 25) {
            return false;
        }
        byte[] decoded = new byte[25];
        if (number.signum() != 0) {
            System.arraycopy(magnitude, start, decoded, leadingOnes, magnitude.length - start);
        }
        int version = decoded[0] & 0xff;
        if (version != 0x00 && version != 0x05 && version != 0x6f && version != 0xc4) {
            return false;
        }
        byte[] check = doubleSha256(Arrays.copyOf(decoded, 21));
        for (int i = 0; i < 4; i++) {
            if (check[i] != decoded[21 + i]) {
                return false;
            }
        }
        return true;
    }

    static boolean isBech32(String value) {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (!lower.equals(value) && !value.toUpperCase(java.util.Locale.ROOT).equals(value)) {
            return false; // mixed case is invalid in bech32
        }
        int separator = lower.lastIndexOf('1');
        String hrp = separator < 0 ? "" : lower.substring(0, separator);
        if (!hrp.equals("bc") && !hrp.equals("tb")) {
            return false;
        }
        int dataLength = lower.length() - separator - 1;
        if (dataLength < 6 + 33 || lower.length() > 90) {
            return false;
        }
        int[] values = new int[hrp.length() * 2 + 1 + dataLength];
        int k = 0;
        for (int i = 0; i < hrp.length(); i++) {
            values[k++] = hrp.charAt(i) >> 5;
        }
        values[k++] = 0;
        for (int i = 0; i < hrp.length(); i++) {
            values[k++] = hrp.charAt(i) & 31;
        }
        for (int i = separator + 1; i < lower.length(); i++) {
            char c = lower.charAt(i);
            int v = c < 128 ? BECH32_INDEX[c] : -1;
            if (v < 0) {
                return false;
            }
            values[k++] = v;
        }
        int witnessVersion = values[hrp.length() * 2 + 1];
        int checksum = polymod(values);
        // Version 0 uses bech32 (constant 1), later versions bech32m.
        return witnessVersion == 0 ? checksum == 1 : witnessVersion <= 16 && checksum == 0x2bc830a3;
    }

    private static int polymod(int[] values) {
        int[] generator = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int chk = 1;
        for (int v : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= generator[i];
                }
            }
        }
        return chk;
    }

    private static byte[] doubleSha256(byte[] data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return sha.digest(sha.digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
