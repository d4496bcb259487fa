package io.custodian.masking.strategy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The masking strategies a policy may name, in a fixed order of how much of a value each reveals,
 * from {@link #NONE} (all of it) to {@link #NULLIFY} (nothing, not even whether there was a
 * value). Policy precedence uses the order: among rules that apply to a principal, the one that
 * reveals most wins; across a column's classifications, the one that reveals least. A CUSTOM
 * expression may reveal anything, so it ranks just below NONE: it never wins over a known strategy
 * when the most restrictive result is wanted.
 */
public enum StrategyKind {
    NONE(100),
    CUSTOM(90),
    PARTIAL(80),
    EMAIL_MASK(70),
    GENERALIZE(60),
    TOKENIZE(50),
    HASH(40),
    DEFAULT_VALUE(30),
    REDACT(20),
    NULLIFY(0);

    /** Most revealing first. */
    public static final Comparator<StrategyKind> MOST_REVEALING_FIRST =
            Comparator.comparingInt(StrategyKind::revealing).reversed();

    private final int revealing;

    StrategyKind(int revealing) {
        this.revealing = revealing;
    }

    /** How much of a value the strategy reveals: higher reveals more. */
    public int revealing() {
        return revealing;
    }

    /** Whether the strategy changes what is read (every strategy but NONE). */
    public boolean masks() {
        return this != NONE;
    }

    /** The kind of an upper-case name as a policy writes it; empty for any other name. */
    public static Optional<StrategyKind> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.name().equals(wanted)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
