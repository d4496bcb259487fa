package io.custodian.server.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.access.Caller;
import io.custodian.access.Role;
import io.custodian.catalog.curation.CatalogCuration;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views;
import io.custodian.server.access.Auditor;
import io.custodian.server.problem.Problem;
import io.custodian.server.http.OptionalTextBody;
import io.custodian.server.problem.ProblemException;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Marquez's tags: the ones registered here, every type of personal data of the taxonomy in force
 * (a classification shows as a tag), and Marquez's generic {@code PII}.
 */
@Path("/api/v1/tags")
@Tag(name = "catalog")
@Produces(MediaType.APPLICATION_JSON)
public final class TagResource {
    private final CatalogReader catalog;
    private final CatalogCuration curation;
    private final Supplier<Map<String, String>> types;
    private final Auditor auditor;
    private final ObjectMapper mapper;

    /** @param types the taxonomy in force: each type's name and description */
    public TagResource(CatalogReader catalog, CatalogCuration curation, Supplier<Map<String, String>> types,
            Auditor auditor, ObjectMapper mapper) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.curation = requireNonNull(curation, "curation is null");
        this.types = requireNonNull(types, "types is null");
        this.auditor = requireNonNull(auditor, "auditor is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    public record TagList(List<Views.Tag> tags, long totalCount) {
        public TagList {
            tags = List.copyOf(tags);
        }
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Operation(summary = "Tags by name: registered ones, the types of personal data, and PII")
    public TagList tags(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        Map<String, String> all = new TreeMap<>();
        Map<String, String> taxonomy = types.get();
        taxonomy.forEach((name, description) -> all.put(name, "Personal data: " + description));
        FieldTags.ALIASES.forEach((alias, type) -> {
            if (taxonomy.containsKey(type)) {
                all.put(alias, "Personal data (a field tagged " + alias + " is classified " + type + ")");
            }
        });
        // A registered tag of a type's name keeps the type's meaning; its description is the one given.
        catalog.tags().forEach(tag -> all.put(tag.name(), tag.description()));
        List<Views.Tag> page = new ArrayList<>();
        all.entrySet().stream().skip(paging.offset()).limit(paging.limit())
                .forEach(e -> page.add(new Views.Tag(e.getKey(), e.getValue())));
        return new TagList(page, all.size());
    }

    @PUT
    @RolesAllowed(Role.STEWARD_NAME)
    @Path("/{tag}")
    @Operation(summary = "Register a tag, or replace its description; an optional {\"description\": ...}")
    public Views.Tag put(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest http, @PathParam("tag") String tag, String body) {
        if (tag == null || !CatalogCuration.TAG_NAME.matcher(tag).matches()) {
            throw ProblemException.invalid(400, "invalid-parameter", "a tag is letters, digits, _ - . and :, "
                    + "at most 256 characters", List.of(new Problem.InvalidPart("tag", "not a tag name")));
        }
        String description = description(body);
        boolean created = curation.putTag(tag, description);
        auditor.record(caller, http, "tag.put", tag, "success", created ? "registered" : "description replaced");
        return new Views.Tag(tag, description);
    }

    private String description(String body) {
        return OptionalTextBody.read(mapper, body, "description", CatalogCuration.MAX_DESCRIPTION_LENGTH, TagResource::invalid);
    }

    private static ProblemException invalid(String pointer, String detail) {
        return ProblemException.invalid(400, "invalid-tag", detail, List.of(new Problem.InvalidPart(pointer, detail)));
    }
}
