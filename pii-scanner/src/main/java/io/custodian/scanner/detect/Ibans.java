package io.custodian.scanner.detect;

import java.util.HashMap;
import java.util.Map;

/**
 * International Bank Account Numbers (ISO 13616): a country code, two check digits and a national
 * account part, with the length the country registered, validated by ISO 7064 mod 97-10. Groups of
 * four separated by single spaces are accepted, as are lower-case letters.
 */
public final class Ibans implements ValueValidator {
    /** Lengths from the SWIFT IBAN registry, plus the countries that use IBANs outside it. */
    private static final Map<String, Integer> LENGTHS = new HashMap<>();

    static {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22"
                + " DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21"
                + " HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24"
                + " ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33"
                + " SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30"
                // Countries using IBAN-format numbers that are not (yet) in the registry.
                + " AO25 BF28 BJ28 CF27 CG27 CI28 CM27 CV25 DZ26 GA27 GQ27 GW25 IR26 KM27 MA28 MG27 ML28 MZ25"
                + " NE28 SN28 TD27 TG28";
        for (String entry : table.split(" ")) {
            LENGTHS.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
    }

    @Override
    public boolean isValid(String value) {
        int length = value.length();
        if (length < 15 || length > 42) {
            return false;
        }
        char c0 = Character.toUpperCase(value.charAt(0));
        char c1 = Character.toUpperCase(value.charAt(1));
        if (!Digits.isUpperLetter(c0) || !Digits.isUpperLetter(c1)) {
            return false;
        }
        char[] compact = new char[34];
        int count = 0;
        for (int i = 0; i < length; i++) {
            char c = Character.toUpperCase(value.charAt(i));
            if (c == ' ') {
                continue;
            }
            if (!Digits.isUpperAlnum(c) || count == 34) {
                return false;
            }
            compact[count++] = c;
        }
        Integer expected = LENGTHS.get(new String(compact, 0, 2));
        if (expected == null || expected != count || !Digits.allDigits(new String(compact, 2, 2), 0, 2)) {
            return false;
        }
        return mod97(compact, count) == 1;
    }

    /** The remainder mod 97 of the number formed by moving the first four characters to the end, letters as 10..35. */
    private static int mod97(char[] chars, int count) {
        int remainder = 0;
        for (int k = 0; k < count; k++) {
            char c = chars[(k + 4) % count];
            if (c >= '0' && c <= '9') {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
        }
        return remainder;
    }
}
