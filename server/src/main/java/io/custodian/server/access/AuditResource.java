package io.custodian.server.access;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Actor;
import io.custodian.access.Role;
import io.custodian.access.audit.AuditEntry;
import io.custodian.access.audit.AuditLog;
import io.custodian.access.audit.AuditVerification;
import io.custodian.server.problem.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The audit log for admins: entries with filters, and a check of the hash chain. */
@Path("/api/v1/audit")
@Tag(name = "access")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
    private static final int MAX_LIMIT = 1_000;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = requireNonNull(audit, "audit is null");
    }

    public record AuditList(List<AuditEntry> entries) {
        public AuditList {
            entries = List.copyOf(entries);
        }
    }

    @GET
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Audit entries, newest first, filtered by actor (name, or kind and id), action and time")
    public AuditList entries(@QueryParam("actor") String actor, @QueryParam("actorKind") String actorKind,
            @QueryParam("actorId") String actorId, @QueryParam("action") String action,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit) {
        int max = (int) QueryParams.wholeNumber("limit", limit, 100, 1, MAX_LIMIT);
        return new AuditList(audit.find(new AuditLog.Filter(blankToNull(actor), kind(actorKind),
                blankToNull(actorId), blankToNull(action),
                QueryParams.dateTime("from", from, EARLIEST, EARLIEST, LATEST),
                QueryParams.dateTime("to", to, LATEST, EARLIEST, LATEST)), max));
    }

    private static Actor.Kind kind(String value) {
        String kind = blankToNull(value);
        if (kind == null) {
            return null;
        }
        for (Actor.Kind known : Actor.Kind.values()) {
            if (known.name().equals(kind)) {
                return known;
            }
        }
        throw QueryParams.invalid("actorKind", "actorKind must be one of " + Arrays.toString(Actor.Kind.values()));
    }

    @GET
    @Path("/verify")
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Walk the audit log's hash chain and report the first entry that does not hold")
    public AuditVerification verify() {
        return audit.verify();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
