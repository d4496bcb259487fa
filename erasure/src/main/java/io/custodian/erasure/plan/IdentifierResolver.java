package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import io.custodian.erasure.request.IdentifierRules;
import io.custodian.sources.DataSources;
import io.custodian.sources.Sources.SourceTable;
import io.custodian.sources.dialect.SqlStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds the subject's identifiers the request did not give, in tables that hold two kinds: the
 * {@code customers} row with the subject's email gives their {@code customer_id}, which then finds
 * their {@code orders}. Rounds repeat until nothing new is found. A table that answers with more
 * values of one type than the policy allows is ignored with a warning: a shared mailbox or a
 * family account would otherwise pull other people into the request.
 */
final class IdentifierResolver {
    private static final int MAX_ROUNDS = 4;
    private final DataSources dataSources;
    private final SubjectHasher hasher;
    private final int maxValues;
    private final Set<String> systemScoped;
    private final Function<DatasetKey, Optional<SourceTable>> sourceOf;

    /** @param systemScoped types whose resolved values hold in the namespace they were found in only */
    IdentifierResolver(DataSources dataSources, SubjectHasher hasher, int maxValues, Set<String> systemScoped,
            Function<DatasetKey, Optional<SourceTable>> sourceOf) {
        this.dataSources = requireNonNull(dataSources, "dataSources is null");
        this.hasher = requireNonNull(hasher, "hasher is null");
        this.maxValues = maxValues;
        this.systemScoped = Set.copyOf(systemScoped);
        this.sourceOf = requireNonNull(sourceOf, "sourceOf is null");
    }

    /** The subject's identifiers, and per type where each came from ({@code request} or a column). */
    record Resolved(SubjectIdentifiers identifiers, Map<String, List<String>> from, List<String> warnings) {}

    Resolved resolve(SubjectIdentifiers given, Map<DatasetKey, List<Locator>> locators) {
        SubjectIdentifiers subject = given;
        Map<String, List<String>> from = new LinkedHashMap<>();
        given.types().forEach(type -> from.computeIfAbsent(type, k -> new ArrayList<>()).add("request"));
        List<String> warnings = new ArrayList<>();
        Set<DatasetKey> refused = new LinkedHashSet<>();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            SubjectIdentifiers before = subject;
            for (Map.Entry<DatasetKey, List<Locator>> entry : locators.entrySet()) {
                DatasetKey dataset = entry.getKey();
                Optional<SourceTable> table = sourceOf.apply(dataset);
                List<Locator> all = entry.getValue();
                Set<String> types = new LinkedHashSet<>();
                all.forEach(l -> types.add(l.identifierType()));
                if (table.isEmpty() || types.size() < 2 || refused.contains(dataset)) {
                    continue;
                }
                List<Locator> known = all.stream()
                        .filter(l -> !before.forLocator(l.identifierType(), dataset.namespace()).isEmpty()).toList();
                if (known.isEmpty()) {
                    continue;
                }
                List<String> columns = all.stream().map(Locator::column).distinct().toList();
                PlannedStep probe = probe(dataset, table.get(), known, columns);
                Optional<SqlStatement> select = new StepStatements(table.get().source().dialect(), probe, before, hasher)
                        .export();
                if (select.isEmpty()) {
                    continue;
                }
                List<Map<String, Object>> rows;
                try {
                    rows = SourceQueries.rows(dataSources.reader(table.get().source().name()), select.get(),
                            maxValues + 1);
                } catch (Exception e) {
                    warnings.add("could not read " + dataset + " to resolve identifiers: " + SourceQueries.describe(e));
                    refused.add(dataset);
                    continue;
                }
                Map<String, Set<String>> found = new LinkedHashMap<>();
                Set<String> misfits = new java.util.TreeSet<>();
                for (Map<String, Object> row : rows) {
                    for (Locator locator : all) {
                        Object value = row.get(locator.column());
                        if (value == null) {
                            value = row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(locator.column()))
                                    .map(Map.Entry::getValue).filter(v -> v != null).findFirst().orElse(null);
                        }
                        if (value == null || value.toString().isBlank()) {
                            continue;
                        }
                        // A city under a propagated EMAIL_ADDRESS, a ticket's text: taken as an identifier,
                        // it would find other people's rows.
                        if (IdentifierRules.wellFormed(SubjectIdentifiers.baseType(locator.identifierType()),
                                value.toString())) {
                            found.computeIfAbsent(locator.identifierType(), k -> new LinkedHashSet<>())
                                    .add(value.toString());
                        } else {
                            misfits.add(locator.column() + " (" + locator.identifierType() + ")");
                        }
                    }
                }
                if (!misfits.isEmpty()) {
                    warnings.add(dataset + ": the subject's rows hold values that do not look like their column's"
                            + " identifier type in " + String.join(", ", misfits) + "; they were not taken as the"
                            + " subject's identifiers (check those classifications)");
                }
                boolean tooMany = rows.size() > maxValues
                        || found.values().stream().anyMatch(values -> values.size() > maxValues);
                if (tooMany) {
                    warnings.add(dataset + " holds more than " + maxValues + " rows or values for the subject's"
                            + " identifiers; nothing was resolved from it (a shared identifier would pull other"
                            + " people in): a person must check it");
                    refused.add(dataset);
                    continue;
                }
                for (Map.Entry<String, Set<String>> values : found.entrySet()) {
                    String type = values.getKey();
                    List<String> have = subject.forLocator(type, dataset.namespace());
                    // A customer id means something in its own system only; an email means the same everywhere.
                    // A declared key's column holds the referenced namespace's ids: its type already says so.
                    String key = !type.equals(SubjectIdentifiers.baseType(type)) || !systemScoped.contains(type)
                            ? type : SubjectIdentifiers.scoped(type, dataset.namespace());
                    // An email in another case is the same email: keep the first spelling only.
                    boolean ignoreCase = all.stream().anyMatch(l -> l.identifierType().equals(type)
                            && l.match() == Locator.Match.IGNORE_CASE);
                    List<String> fresh = new ArrayList<>();
                    for (String value : values.getValue()) {
                        boolean seen = Stream.concat(have.stream(), fresh.stream()).anyMatch(v -> ignoreCase
                                ? v.equalsIgnoreCase(value) : v.equals(value));
                        if (!seen) {
                            fresh.add(value);
                        }
                    }
                    if (!fresh.isEmpty()) {
                        subject = subject.with(key, fresh);
                        String column = all.stream().filter(l -> l.identifierType().equals(type)).map(Locator::column)
                                .findFirst().orElse("?");
                        from.computeIfAbsent(key, k -> new ArrayList<>()).add(dataset + "." + column);
                    }
                }
            }
            if (subject.equals(before)) {
                break;
            }
        }
        return new Resolved(subject, from, warnings);
    }

    private static PlannedStep probe(DatasetKey dataset, SourceTable table, List<Locator> known, List<String> columns) {
        return new PlannedStep(0, dataset.namespace(), dataset.name(),
                io.custodian.erasure.policy.ErasureAction.NO_ACTION, "resolving identifiers",
                Optional.of(table.source().name()), Optional.ofNullable(table.table().schema()),
                Optional.of(table.table().table()), Optional.of(table.source().dialect().name()), known, List.of(),
                columns, Optional.empty(), Optional.empty(), List.of(), List.of(), java.util.OptionalLong.empty(),
                Optional.empty(), List.of(), false);
    }
}
