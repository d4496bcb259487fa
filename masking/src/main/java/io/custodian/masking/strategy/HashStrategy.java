package io.custodian.masking.strategy;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.MaskingDialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * HASH: the lower-case hex SHA-256 of the UTF-8 bytes of the purpose's secret salt (as lower-case
 * hex) followed by the text, cut to the column's length. Equal values give equal hashes within a
 * purpose (joins still work); without the salt, a hash cannot be matched to a guessed value. The
 * SQL form carries the salt as a literal: the expression is for the gateway that runs it and must
 * not be logged.
 */
final class HashStrategy extends TypedStrategy {
    private final MaskingKeys keys;
    private String salt;

    HashStrategy(MaskingSpec spec, MaskingKeys keys) {
        super(spec);
        this.keys = requireNonNull(keys, "keys is null");
    }

    @Override
    Optional<String> unsupportedType(ColumnType type) {
        return onlyStrings(StrategyKind.HASH, type);
    }

    /** The salt as hex, asked of the keys once per strategy object (one per decision call). */
    private String salt() {
        if (salt == null) {
            salt = HexFormat.of().formatHex(keys.hashSalt(parameters().text("purpose")));
        }
        return salt;
    }

    @Override
    String expression(String c, ColumnType type, MaskingDialect dialect) {
        String salted = "'" + salt() + "' || " + c;
        String hash = switch (dialect) {
            case POSTGRESQL -> "encode(sha256(convert_to(" + salted + ", 'UTF8')), 'hex')";
            case H2 -> "LOWER(RAWTOHEX(HASH('SHA-256', STRINGTOUTF8(" + salted + "))))";
            case TRINO -> "lower(to_hex(sha256(to_utf8(" + salted + "))))";
            case SPARK -> "sha2(concat('" + salt() + "', " + c + "), 256)";
            case SNOWFLAKE -> "SHA2(" + salted + ", 256)";
        };
        return SqlForms.fitText(dialect, hash, type);
    }

    @Override
    Object javaValue(Object value, ColumnType type) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((salt() + JavaValues.text(value, type)).getBytes(StandardCharsets.UTF_8));
            return JavaValues.fit(HexFormat.of().formatHex(digest), type);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
