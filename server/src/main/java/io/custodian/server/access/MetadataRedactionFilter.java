package io.custodian.server.access;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.access.Role;
import io.custodian.catalog.read.MetadataRedaction;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Serves the catalog's metadata without the personal data it can carry to every caller but a
 * privacy officer: job SQL with its literals as {@code ?} (withheld when it does not parse), and
 * free-form facets emptied ({@link MetadataRedaction}), on every JSON answer to a GET: datasets,
 * jobs, runs, lineage graphs, raw events, and whatever endpoint comes next; and on every answer
 * under {@code /api/v1/namespaces/}, whatever the method, since tagging and deleting answer the
 * dataset or job they changed.
 */
public final class MetadataRedactionFilter implements ContainerResponseFilter {
    /** The role that sees SQL and facets as received. */
    public static final String RAW_METADATA_ROLE = Role.PRIVACY_OFFICER_NAME;
    private final ObjectMapper mapper;

    public MetadataRedactionFilter(ObjectMapper mapper) {
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        boolean catalogView = "GET".equals(request.getMethod())
                || request.getUriInfo().getPath().startsWith("api/v1/namespaces/");
        if (!catalogView || !response.hasEntity()
                || response.getStatus() < 200 || response.getStatus() >= 300) {
            return;
        }
        MediaType type = response.getMediaType();
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return;
        }
        SecurityContext security = request.getSecurityContext();
        // Without a principal the endpoint is public (health, the OpenAPI document): no catalog data there.
        if (security == null || security.getUserPrincipal() == null || security.isUserInRole(RAW_METADATA_ROLE)) {
            return;
        }
        Object entity = response.getEntity();
        JsonNode tree = entity instanceof JsonNode node ? node.deepCopy() : mapper.valueToTree(entity);
        response.setEntity(MetadataRedaction.document(tree), response.getEntityAnnotations(), type);
    }
}
