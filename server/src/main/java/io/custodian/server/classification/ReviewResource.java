package io.custodian.server.classification;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.access.Caller;
import io.custodian.access.Role;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.ReviewItem;
import io.custodian.catalog.classification.ReviewKind;
import io.custodian.catalog.classification.ReviewQueue;
import io.custodian.catalog.text.TextRules;
import io.custodian.server.access.Auditor;
import io.custodian.server.problem.Problem;
import io.custodian.server.problem.ProblemException;
import io.custodian.server.problem.QueryParams;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The privacy review queue for stewards: classifications found at ingest and schema changes of
 * datasets holding personal data; listed with filters, decided in bulk, every decision audited.
 */
@Path("/api/v1/reviews")
@Tag(name = "classification")
@Produces(MediaType.APPLICATION_JSON)
public final class ReviewResource {
    static final int MAX_IDS = 1000;
    private static final Set<String> FIELDS = Set.of("ids", "decision", "note");
    private final ReviewQueue queue;
    private final Auditor auditor;
    private final ObjectMapper mapper;

    public ReviewResource(ReviewQueue queue, Auditor auditor, ObjectMapper mapper) {
        this.queue = requireNonNull(queue, "queue is null");
        this.auditor = requireNonNull(auditor, "auditor is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    public record ReviewList(List<ReviewItem> items) {
        public ReviewList {
            items = List.copyOf(items);
        }
    }

    public record Decisions(List<ReviewQueue.Outcome> outcomes) {
        public Decisions {
            outcomes = List.copyOf(outcomes);
        }
    }

    @GET
    @RolesAllowed(Role.STEWARD_NAME)
    @Operation(summary = "Open review items, oldest first: classifications found at ingest and schema changes of datasets "
            + "holding personal data; filters: namespace, dataset, kind, type, sensitivity (at least), olderThan "
            + "(ISO-8601 duration such as P1D), limit")
    public ReviewList open(@QueryParam("namespace") String namespace, @QueryParam("dataset") String dataset,
            @QueryParam("kind") String kind, @QueryParam("type") String type,
            @QueryParam("sensitivity") String sensitivity, @QueryParam("olderThan") String olderThan,
            @QueryParam("limit") String limit) {
        ReviewKind kindFilter = null;
        if (kind != null && !kind.isBlank()) {
            try {
                kindFilter = ReviewKind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw QueryParams.invalid("kind", "kind must be one of " + List.of(ReviewKind.values()));
            }
        }
        if (type != null && !type.isBlank() && !ClassificationStore.TYPE_NAME.matcher(type.strip()).matches()) {
            throw QueryParams.invalid("type", "a classification type is upper-case letters, digits and _");
        }
        String minSensitivity = null;
        if (sensitivity != null && !sensitivity.isBlank()) {
            minSensitivity = sensitivity.strip().toUpperCase(Locale.ROOT);
            if (!ReviewQueue.SENSITIVITIES.contains(minSensitivity)) {
                throw QueryParams.invalid("sensitivity", "sensitivity must be one of " + ReviewQueue.SENSITIVITIES);
            }
        }
        Duration age = null;
        if (olderThan != null && !olderThan.isBlank()) {
            try {
                age = Duration.parse(olderThan.strip());
            } catch (DateTimeParseException e) {
                throw QueryParams.invalid("olderThan", "olderThan must be an ISO-8601 duration such as PT12H or P7D");
            }
            if (age.isNegative()) {
                throw QueryParams.invalid("olderThan", "olderThan must not be negative");
            }
        }
        int max = (int) QueryParams.wholeNumber("limit", limit, 100, 1, ReviewQueue.MAX_PAGE);
        return new ReviewList(queue.open(new ReviewQueue.Filter(blankToNull(namespace), blankToNull(dataset),
                kindFilter, blankToNull(type), minSensitivity, age, max)));
    }

    @POST
    @Path("/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.STEWARD_NAME)
    @Operation(summary = "Decide review items in bulk: {\"ids\": [...], \"decision\": \"ACCEPT\" or \"REJECT\", \"note\": ...}; "
            + "a new classification accepted is confirmed on its field, rejected is rejected there")
    public Decisions decide(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest http, String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalidBody("", "malformed JSON; expected {\"ids\": [...], \"decision\": \"ACCEPT\"}");
        }
        if (root == null || !root.isObject()) {
            throw invalidBody("", "expected a JSON object such as {\"ids\": [...], \"decision\": \"ACCEPT\"}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalidBody("/" + name, "unknown property; known: " + FIELDS.stream().sorted().toList());
            }
        }
        JsonNode ids = root.get("ids");
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > MAX_IDS) {
            throw invalidBody("/ids", "expected an array of 1 to " + MAX_IDS + " review item ids");
        }
        Set<UUID> wanted = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            JsonNode id = ids.get(i);
            try {
                if (!id.isTextual()) {
                    throw new IllegalArgumentException();
                }
                wanted.add(UUID.fromString(id.textValue()));
            } catch (IllegalArgumentException e) {
                throw invalidBody("/ids/" + i, "expected a review item id (a UUID)");
            }
        }
        JsonNode decision = root.get("decision");
        ReviewQueue.Verdict verdict;
        try {
            verdict = ReviewQueue.Verdict.valueOf(decision == null || !decision.isTextual() ? "" : decision.textValue());
        } catch (IllegalArgumentException e) {
            throw invalidBody("/decision", "expected ACCEPT or REJECT");
        }
        String note = null;
        JsonNode noteNode = root.get("note");
        if (noteNode != null && !noteNode.isNull()) {
            if (!noteNode.isTextual() || noteNode.textValue().length() > ClassificationStore.MAX_NOTE_LENGTH) {
                throw invalidBody("/note", "expected a string of at most " + ClassificationStore.MAX_NOTE_LENGTH
                        + " characters");
            }
            TextRules.unstorable(noteNode.textValue()).ifPresent(problem -> {
                throw invalidBody("/note", "the note " + problem);
            });
            note = noteNode.textValue();
        }
        List<ReviewQueue.Outcome> outcomes = queue.decide(new ArrayList<>(wanted), verdict, note, caller.name());
        String action = verdict == ReviewQueue.Verdict.ACCEPT ? "review.accept" : "review.reject";
        for (ReviewQueue.Outcome outcome : outcomes) {
            ReviewItem item = outcome.item();
            String target = item == null ? outcome.id().toString()
                    : outcome.id() + " " + item.kind() + " " + item.namespace() + "/" + item.dataset()
                            + (item.field() == null ? "" : "/" + item.field() + " " + item.type());
            auditor.record(caller, http, action, target, outcome.problem() == null ? "success" : "refused",
                    outcome.problem() != null ? outcome.problem() : note == null || note.isBlank() ? null : "with a note");
        }
        return new Decisions(outcomes);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ProblemException invalidBody(String pointer, String detail) {
        return ProblemException.invalid(400, "invalid-decision", detail, List.of(new Problem.InvalidPart(pointer, detail)));
    }
}
