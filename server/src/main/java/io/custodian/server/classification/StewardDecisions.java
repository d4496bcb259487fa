package io.custodian.server.classification;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Caller;
import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.Decision;
import io.custodian.catalog.classification.UnknownTargetException;
import io.custodian.server.access.Auditor;
import io.custodian.server.problem.Problem;
import io.custodian.server.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A steward's decision on one type of one field, checked, recorded and audited: what the
 * classifications API and Marquez's field tags (a tag that names a type) both do.
 */
public final class StewardDecisions {
    private final ClassificationStore store;
    private final Supplier<Set<String>> knownTypes;
    private final Auditor auditor;

    /**
     * @param knownTypes the types a steward may add to a field that does not carry them yet: the
     *     taxonomy of the policy set in force when the steward asks
     */
    public StewardDecisions(ClassificationStore store, Supplier<Set<String>> knownTypes, Auditor auditor) {
        this.store = requireNonNull(store, "store is null");
        this.knownTypes = requireNonNull(knownTypes, "knownTypes is null");
        this.auditor = requireNonNull(auditor, "auditor is null");
    }

    /** The types of the taxonomy in force. */
    public Set<String> knownTypes() {
        return knownTypes.get();
    }

    /**
     * Records the decision and audits it; {@code via} names the path it came by when that is not
     * the classifications API (it goes into the audit record's detail), else null.
     */
    public Classification decide(Caller caller, HttpServletRequest http, String namespace, String dataset,
            String field, String type, Decision decision, String note, String via) {
        if (type == null || !ClassificationStore.TYPE_NAME.matcher(type).matches()) {
            throw invalid("type", "a classification type is upper-case letters, digits and _, such as EMAIL_ADDRESS");
        }
        List<Classification> current = store.classifications(namespace, dataset)
                .orElseThrow(() -> ProblemException.notFound("dataset", namespace + "/" + dataset));
        boolean onField = current.stream().anyMatch(c -> c.field().equals(field) && c.type().equals(type));
        Set<String> known = knownTypes.get();
        if (!onField && !known.contains(type)) {
            throw invalid("type", "unknown classification type " + type + "; known: "
                    + known.stream().sorted().toList());
        }
        Classification result;
        try {
            result = store.decide(namespace, dataset, field, type, decision, note, caller.name());
        } catch (UnknownTargetException e) {
            throw ProblemException.notFound(e.what(), e.name());
        }
        String detail = note == null || note.isBlank() ? null : "with a note";
        if (via != null) {
            detail = detail == null ? via : via + ", " + detail;
        }
        auditor.record(caller, http, decision == Decision.CONFIRMED ? "classification.confirm" : "classification.reject",
                namespace + "/" + dataset + "/" + field + " " + type, "success", detail);
        return result;
    }

    private static ProblemException invalid(String parameter, String detail) {
        return ProblemException.invalid(400, "invalid-parameter", detail,
                List.of(new Problem.InvalidPart(parameter, detail)));
    }
}
