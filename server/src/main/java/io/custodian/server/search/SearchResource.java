package io.custodian.server.search;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Role;
import io.custodian.catalog.search.SearchIndex;
import io.custodian.catalog.search.SearchIndexer;
import io.custodian.catalog.search.SearchQuery;
import io.custodian.catalog.search.SearchResult;
import io.custodian.server.problem.ProblemException;
import io.custodian.server.problem.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/search?q=...}: Marquez's search path and response shape ({@code totalCount},
 * {@code results} with type, name, namespace, nodeId, updatedAt), plus a score and highlights
 * per hit and facet counts over all matches.
 */
@Path("/api/v1/search")
@Tag(name = "search")
@Produces(MediaType.APPLICATION_JSON)
public final class SearchResource {
    static final int MAX_LIMIT = 200;
    static final int MAX_OFFSET = 10_000;
    /** How long a search waits for applied events to become searchable before it goes ahead. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(2);
    private final SearchIndex index;
    private final SearchIndexer indexer;

    public SearchResource(SearchIndex index, SearchIndexer indexer) {
        this.index = requireNonNull(index, "index is null");
        this.indexer = requireNonNull(indexer, "indexer is null");
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Operation(summary = "Search datasets by name, name parts, columns, descriptions, tags and owners")
    public SearchResult search(@QueryParam("q") String q, @QueryParam("type") String type,
            @Parameter(description = "Marquez's name for type: DATASET or JOB") @QueryParam("filter") String marquezFilter,
            @QueryParam("namespace") String namespace, @QueryParam("platform") String platform,
            @QueryParam("tag") String tag, @QueryParam("owner") String owner,
            @QueryParam("classification") String classification, @QueryParam("sort") String sort,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        if (q == null || q.isBlank()) {
            throw bad("q", "a query is required, e.g. q=customer email");
        }
        int l = number("limit", limit, 20, 1, MAX_LIMIT);
        int o = number("offset", offset, 0, 0, MAX_OFFSET);
        Optional<SearchQuery> query;
        try {
            query = SearchQuery.parse(q);
        } catch (IllegalArgumentException e) {
            throw bad("q", e.getMessage());
        }
        List<SearchQuery.FieldTerm> filters = new java.util.ArrayList<>();
        if (marquezFilter != null && !marquezFilter.isBlank()) {
            String named = QueryParams.oneOf("filter", marquezFilter, null, List.of("dataset", "job"));
            if (type != null && !type.isBlank() && !type.equals(named)) {
                throw bad("filter", "filter=" + marquezFilter.strip() + " contradicts type=" + type.strip()
                        + "; give one of them");
            }
            type = named;
        }
        if (type != null && !type.isBlank()) {
            if (!type.equals("dataset") && !type.equals("job")) {
                throw bad("type", "type is dataset or job");
            }
            filters.add(new SearchQuery.FieldTerm("type", type));
        }
        for (String[] filter : new String[][] {{"namespace", namespace}, {"platform", platform}, {"tag", tag},
                {"owner", owner}, {"classification", classification}}) {
            if (filter[1] != null && !filter[1].isBlank()) {
                if (filter[1].length() > 1024) {
                    throw bad(filter[0], filter[0] + " has at most 1024 characters");
                }
                filters.add(new SearchQuery.FieldTerm(filter[0], filter[1]));
            }
        }
        SearchIndex.Order order = order(sort);
        if (query.isEmpty()) {
            return SearchResult.empty();
        }
        // Searches see what was applied before they began, as catalog reads do.
        indexer.awaitIndexed(MAX_WAIT);
        return marquezTypes(index.search(query.get().with(filters), order, l, o));
    }

    /** Custodian's orders, and Marquez's names for two of them (NAME, UPDATE_AT or updated_at). */
    private static SearchIndex.Order order(String sort) {
        if (sort == null || sort.isBlank()) {
            return SearchIndex.Order.RELEVANCE;
        }
        return switch (sort.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "RELEVANCE" -> SearchIndex.Order.RELEVANCE;
            case "UPDATED", "UPDATE_AT", "UPDATED_AT" -> SearchIndex.Order.UPDATED;
            case "NAME" -> SearchIndex.Order.NAME;
            default -> throw bad("sort", "sort is relevance, updated (Marquez's UPDATE_AT) or name");
        };
    }

    /** Hits with Marquez's result types, DATASET and JOB; facet counts keep the index's values. */
    private static SearchResult marquezTypes(SearchResult result) {
        return new SearchResult(result.totalCount(), result.results().stream()
                .map(hit -> new io.custodian.catalog.search.SearchHit(hit.type().toUpperCase(java.util.Locale.ROOT),
                        hit.name(), hit.namespace(), hit.nodeId(), hit.updatedAt(), hit.score(), hit.highlights()))
                .toList(), result.facets());
    }

    /** Autocomplete: dataset names that start with what was typed. */
    public record Suggestions(List<io.custodian.catalog.search.SearchHit> results) {
        public Suggestions {
            results = List.copyOf(results);
        }
    }

    @GET
    @Path("/suggest")
    @RolesAllowed(Role.READER_NAME)
    @Operation(summary = "Dataset names starting with q, for autocomplete")
    public Suggestions suggest(@QueryParam("q") String q, @QueryParam("limit") String limit) {
        if (q == null || q.isBlank()) {
            throw bad("q", "a prefix is required, e.g. q=cust");
        }
        if (q.length() > 256) {
            throw bad("q", "a prefix has at most 256 characters");
        }
        int l = number("limit", limit, 10, 1, 50);
        indexer.awaitIndexed(MAX_WAIT);
        return new Suggestions(index.suggest(q.strip(), l));
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        return (int) QueryParams.wholeNumber(name, value, fallback, min, max);
    }

    private static ProblemException bad(String parameter, String detail) {
        return QueryParams.invalid(parameter, detail);
    }
}
