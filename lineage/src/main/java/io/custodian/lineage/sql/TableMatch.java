package io.custodian.lineage.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one rule by which a table name (as written in SQL) finds one of the known tables or
 * datasets, used by every schema lookup:
 *
 * <ol>
 *   <li>the known table of the same name, ignoring case;</li>
 *   <li>else the one known table whose name ends with the name ({@code orders} or
 *       {@code public.orders} finds {@code shop.public.orders}), whole parts only;</li>
 *   <li>else, when no known table ends with it, the one known table whose name the name ends
 *       with ({@code warehouse.public.customers} finds {@code public.customers}).</li>
 * </ol>
 *
 * Known tables of the same name (ignoring case) count as one, the first given. Two or more at
 * step 2 (or at step 3) are ambiguous: none is chosen, the search does not go on to step 3, and
 * the result names them so the caller can say which were possible.
 */
public final class TableMatch {
    private TableMatch() {}

    /** What a name found: one table, nothing, or several it could mean. */
    public record Result<T>(Optional<T> match, List<T> ambiguous) {
        public Result {
            requireNonNull(match, "match is null");
            ambiguous = List.copyOf(ambiguous);
        }

        public boolean isAmbiguous() {
            return !ambiguous.isEmpty();
        }
    }

    /** The table {@code name} means among {@code known}, each named by {@code nameOf}. */
    public static <T> Result<T> find(TableName name, Collection<T> known, Function<T, TableName> nameOf) {
        requireNonNull(name, "name is null");
        for (T table : known) {
            if (nameOf.apply(table).sameAs(name)) {
                return new Result<>(Optional.of(table), List.of());
            }
        }
        List<T> longer = distinct(known, nameOf, t -> name.isSuffixOf(nameOf.apply(t)));
        if (!longer.isEmpty()) {
            return decide(longer);
        }
        return decide(distinct(known, nameOf, t -> nameOf.apply(t).isSuffixOf(name)));
    }

    private static <T> Result<T> decide(List<T> matches) {
        if (matches.isEmpty()) {
            return new Result<>(Optional.empty(), List.of());
        }
        return matches.size() == 1 ? new Result<>(Optional.of(matches.get(0)), List.of())
                : new Result<>(Optional.empty(), matches);
    }

    /** The tables that match, one per name (ignoring case). */
    private static <T> List<T> distinct(Collection<T> known, Function<T, TableName> nameOf,
            java.util.function.Predicate<T> matches) {
        List<T> out = new ArrayList<>();
        for (T table : known) {
            if (matches.test(table) && out.stream().noneMatch(o -> nameOf.apply(o).sameAs(nameOf.apply(table)))) {
                out.add(table);
            }
        }
        return out;
    }
}
