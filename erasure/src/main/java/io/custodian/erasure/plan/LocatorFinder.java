package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.classification.Classification;
import io.custodian.erasure.plan.CatalogFacts.DatasetFacts;
import io.custodian.erasure.plan.CatalogFacts.FieldFacts;
import io.custodian.erasure.policy.DeclaredKey;
import io.custodian.erasure.policy.ErasurePolicy;
import io.custodian.policy.ClassificationType;
import io.custodian.policy.Taxonomy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns of each dataset that find a subject's rows: fields classified as a type that
 * identifies a subject (the taxonomy's {@code identifiesSubject}) as their values, not found inside
 * free text, and columns the policy declares as keys referencing such a field. The one place a dataset's locators are decided.
 */
final class LocatorFinder {
    private final Set<String> identifying;
    private final ErasurePolicy policy;
    private final List<String> warnings = new ArrayList<>();

    LocatorFinder(Taxonomy taxonomy, ErasurePolicy policy) {
        this.identifying = taxonomy.types().stream().filter(ClassificationType::identifiesSubject)
                .map(ClassificationType::name).collect(Collectors.toUnmodifiableSet());
        this.policy = requireNonNull(policy, "policy is null");
    }

    Set<String> identifyingTypes() {
        return identifying;
    }

    /** Locators by dataset key, for every dataset that has one. */
    Map<DatasetKey, List<Locator>> locators(Collection<DatasetFacts> datasets) {
        Map<DatasetKey, List<Locator>> out = new LinkedHashMap<>();
        for (DatasetFacts dataset : datasets) {
            for (FieldFacts field : dataset.fields()) {
                for (Classification c : field.classifications()) {
                    // A type found inside free text is personal data there, but no value of the column is an
                    // identifier: comparing them finds nothing, and the step would claim a clean table.
                    if (c.active() && identifying.contains(c.type()) && !c.foundInFreeText()) {
                        out.computeIfAbsent(dataset.key(), k -> new ArrayList<>()).add(new Locator(field.name(),
                                field.type(), c.type(), match(c.type()), "classified " + c.type() + " ("
                                + c.source().name().toLowerCase(Locale.ROOT) + confidence(c) + ")"));
                    }
                }
            }
        }
        for (DeclaredKey key : policy.keys()) {
            declared(key, datasets, out);
        }
        return out;
    }

    /** Warnings about declared keys that name nothing the catalog knows. */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    private void declared(DeclaredKey key, Collection<DatasetFacts> datasets, Map<DatasetKey, List<Locator>> out) {
        // The referenced column's identifier type (what it is classified as in the datasets the key
        // names), and where its values hold: a customer id found in the referenced namespace.
        Map<String, Set<String>> types = new java.util.TreeMap<>();
        for (DatasetFacts referenced : datasets) {
            if (!key.referenced().matches(referenced.namespace(), referenced.name())) {
                continue;
            }
            referenced.field(key.referencedColumn()).ifPresent(field -> field.classifications().stream()
                    .filter(c -> c.active() && identifying.contains(c.type()) && !c.foundInFreeText())
                    .forEach(c -> types.computeIfAbsent(c.type(), k -> new java.util.TreeSet<>())
                            .add(referenced.namespace())));
        }
        if (types.isEmpty()) {
            warnings.add("declared key " + key + " references no column classified as a type that identifies a"
                    + " subject; it finds no rows");
            return;
        }
        boolean any = false;
        for (DatasetFacts dataset : datasets) {
            if (!key.dataset().matches(dataset.namespace(), dataset.name())) {
                continue;
            }
            var field = dataset.field(key.column());
            if (field.isEmpty()) {
                warnings.add("declared key " + key + ": " + dataset.key() + " has no column " + key.column());
                continue;
            }
            any = true;
            List<Locator> list = out.computeIfAbsent(dataset.key(), k -> new ArrayList<>());
            for (Map.Entry<String, Set<String>> entry : types.entrySet()) {
                String type = entry.getKey();
                for (String namespace : entry.getValue()) {
                    // Within a namespace the type finds the values resolved there; across namespaces a
                    // system-scoped type names the referenced namespace's values.
                    String locatorType = namespace.equals(dataset.namespace()) || !policy.systemScoped().contains(type)
                            ? type : SubjectIdentifiers.scoped(type, namespace);
                    boolean known = list.stream().anyMatch(l -> l.column().equals(key.column())
                            && l.identifierType().equals(locatorType));
                    if (!known) {
                        list.add(new Locator(key.column(), field.get().type(), locatorType, match(type),
                                "declared key referencing " + key.referenced() + "." + key.referencedColumn()));
                    }
                }
            }
        }
        if (!any) {
            warnings.add("declared key " + key + " matches no dataset of the catalog");
        }
    }

    private Locator.Match match(String type) {
        return policy.caseInsensitive().contains(type) ? Locator.Match.IGNORE_CASE : Locator.Match.EXACT;
    }

    private static String confidence(Classification c) {
        return c.confidence() == null ? "" : String.format(Locale.ROOT, ", %.2f", c.confidence());
    }
}
