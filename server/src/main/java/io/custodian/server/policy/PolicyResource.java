package io.custodian.server.policy;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Role;
import io.custodian.policy.ClassificationType;
import io.custodian.policy.PolicyFile;
import io.custodian.policy.PolicyInForce;
import io.custodian.policy.PolicySet;
import io.custodian.policy.ReloadFailure;
import io.custodian.policy.Sensitivity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The policy set in force: its version, where it came from, its content, and why a change was refused. */
@Path("/api/v1/policies")
@Tag(name = "policies")
@Produces(MediaType.APPLICATION_JSON)
public final class PolicyResource {
    private final PolicyInForce policies;

    public PolicyResource(PolicyInForce policies) {
        this.policies = requireNonNull(policies, "policies is null");
    }

    /** One type of the taxonomy. */
    public record TypeView(String name, Sensitivity sensitivity, boolean identifiesSubject, String description) {
        static TypeView of(ClassificationType type) {
            return new TypeView(type.name(), type.sensitivity(), type.identifiesSubject(), type.description());
        }
    }

    /**
     * The set in force.
     *
     * @param version the SHA-256 (hex) of its files, as decisions record it
     * @param origin the folder (and file) it was read from, or {@code shipped defaults}
     * @param lastReloadFailure why the folder's current content is refused; null while it is good
     */
    public record PolicySetView(String version, String shortVersion, String origin, List<PolicyFile> files,
            Instant loadedAt, List<TypeView> types, Map<String, Object> sections, ReloadFailure lastReloadFailure) {
        public PolicySetView {
            files = List.copyOf(files);
            types = List.copyOf(types);
            sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
        }
    }

    @GET
    @RolesAllowed({Role.POLICY_ADMIN_NAME, Role.READER_NAME})
    @Operation(summary = "The policy set in force: version, origin, files with their hashes, types, each section's"
            + " content, and the last refused change while the folder is bad")
    public PolicySetView get() {
        // One read, so that every part of the answer is of the same set.
        PolicySet set = policies.get();
        return new PolicySetView(set.version(), set.shortVersion(), set.origin(), set.files(), set.loadedAt(),
                set.taxonomy().types().stream().map(TypeView::of).toList(), set.describeSections(),
                policies.failure().orElse(null));
    }
}
