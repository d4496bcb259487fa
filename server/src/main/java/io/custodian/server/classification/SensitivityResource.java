package io.custodian.server.classification;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Role;
import io.custodian.catalog.classification.DatasetSensitivity;
import io.custodian.policy.ClassificationType;
import io.custodian.policy.PolicySet;
import io.custodian.server.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.function.Supplier;

/** A dataset's sensitivity: from its fields, or inherited along dataset-level lineage when it has no schema. */
// Shares NamespaceResource's root, as ClassificationResource does.
@Path("/api/v1/namespaces")
@Tag(name = "classification")
@Produces(MediaType.APPLICATION_JSON)
public final class SensitivityResource {
    private final DatasetSensitivity sensitivity;
    private final Supplier<PolicySet> policies;

    /** @param policies the policy set in force, whose taxonomy gives each type's sensitivity */
    public SensitivityResource(DatasetSensitivity sensitivity, Supplier<PolicySet> policies) {
        this.sensitivity = requireNonNull(sensitivity, "sensitivity is null");
        this.policies = requireNonNull(policies, "policies is null");
    }

    @GET
    @Path("/{namespace}/datasets/{dataset}/sensitivity")
    @RolesAllowed(Role.READER_NAME)
    @Operation(summary = "The dataset's sensitivity: the highest of its fields' classifications; without a schema and "
            + "column lineage, the highest of its inputs' along dataset-level lineage")
    public DatasetSensitivity.Result sensitivity(@PathParam("namespace") String namespace,
            @PathParam("dataset") String dataset) {
        PolicySet policy = policies.get();
        // A type the taxonomy does not know counts as the most sensitive (fail closed).
        return sensitivity.of(namespace, dataset, type -> policy.taxonomy().find(type)
                        .map(ClassificationType::sensitivity).map(Enum::name).orElse("RESTRICTED"))
                .orElseThrow(() -> ProblemException.notFound("dataset", namespace + "/" + dataset));
    }
}
