package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One dataset of the catalog that holds personal data of an identifier type, and whether the plan
 * covers it: the answer to "how do we know no table was missed".
 *
 * @param identifierTypes the identifier types its fields are classified as
 * @param step the order of the plan's step for it, when it is in the plan
 * @param why why it is, or is not, in the plan
 */
public record CoverageEntry(String namespace, String dataset, List<String> identifierTypes, Optional<Integer> step,
        String why) {
    public CoverageEntry {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(dataset, "dataset is null");
        identifierTypes = List.copyOf(identifierTypes);
        requireNonNull(step, "step is null");
        requireNonNull(why, "why is null");
    }
}
