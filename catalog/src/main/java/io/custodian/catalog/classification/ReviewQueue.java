package io.custodian.catalog.classification;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The privacy review queue: classifications found at ingest and schema changes of datasets that
 * hold personal data, open until a steward decides or a scan settles them. Accepting or rejecting
 * a new classification is a steward's decision on the field ({@link ClassificationStore#decide}).
 */
public final class ReviewQueue {
    /** Sensitivities from least to most harmful, as the policy taxonomy orders them. */
    public static final List<String> SENSITIVITIES = List.of("PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED");
    /** Orders sensitivities by harm; a name the order does not know counts as the most harmful (fail closed). */
    public static final Comparator<String> SENSITIVITY_ORDER = Comparator.comparingInt(s -> {
        int i = SENSITIVITIES.indexOf(s);
        return i < 0 ? SENSITIVITIES.size() : i;
    });
    public static final int MAX_PAGE = 1000;
    private final Jdbi jdbi;
    private final ClassificationStore classifications;
    private final Clock clock;

    /** Which open items to list; null members do not filter. */
    public record Filter(String namespace, String dataset, ReviewKind kind, String type, String minSensitivity,
            Duration minAge, int limit) {}

    /** A steward's answer to an item. */
    public enum Verdict { ACCEPT, REJECT }

    /** What became of one item of a bulk decision: its new state, or why it was left as it was. */
    public record Outcome(UUID id, ReviewItem item, String problem) {}

    public ReviewQueue(Jdbi jdbi, ClassificationStore classifications, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.classifications = requireNonNull(classifications, "classifications is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Open items matching the filter, oldest first. */
    public List<ReviewItem> open(Filter filter) {
        List<String> sensitivities = filter.minSensitivity() == null ? allSensitivities()
                : allSensitivities().stream()
                        .filter(s -> SENSITIVITY_ORDER.compare(s, filter.minSensitivity()) >= 0).toList();
        Instant before = filter.minAge() == null ? Instant.parse("9999-12-31T00:00:00Z")
                : clock.instant().minus(filter.minAge());
        int limit = Math.max(1, Math.min(MAX_PAGE, filter.limit()));
        return jdbi.withExtension(ReviewDao.class, dao -> dao.open(filter.namespace(), filter.dataset(),
                        filter.kind() == null ? null : filter.kind().name(), filter.type(), sensitivities, before,
                        limit))
                .stream().map(ReviewItem::of).toList();
    }

    /**
     * Decides each open item: a new classification accepted is confirmed on its field, rejected is
     * rejected there (later scans and lineage no longer set it); a schema change is acknowledged
     * either way. Items not found or no longer open are reported, not decided.
     */
    public List<Outcome> decide(Collection<UUID> ids, Verdict verdict, String note, String decidedBy) {
        requireNonNull(verdict, "verdict is null");
        requireNonNull(decidedBy, "decidedBy is null");
        Map<UUID, ReviewItem> found = new LinkedHashMap<>();
        List<UUID> all = List.copyOf(Set.copyOf(ids));
        if (!all.isEmpty()) {
            jdbi.withExtension(ReviewDao.class, dao -> dao.items(all))
                    .forEach(row -> found.put(row.id(), ReviewItem.of(row)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (UUID id : ids) {
            ReviewItem item = found.get(id);
            if (item == null) {
                outcomes.add(new Outcome(id, null, "no such review item"));
                continue;
            }
            if (item.status() != ReviewStatus.OPEN) {
                outcomes.add(new Outcome(id, item, "already " + item.status()));
                continue;
            }
            if (item.kind() == ReviewKind.NEW_CLASSIFICATION) {
                try {
                    classifications.decide(item.namespace(), item.dataset(), item.field(), item.type(),
                            verdict == Verdict.ACCEPT ? Decision.CONFIRMED : Decision.REJECTED, note, decidedBy);
                } catch (UnknownTargetException e) {
                    // The field left the schema since; the item is closed all the same.
                }
            }
            ReviewStatus status = verdict == Verdict.ACCEPT ? ReviewStatus.ACCEPTED : ReviewStatus.REJECTED;
            Instant now = clock.instant();
            int closed = jdbi.withExtension(ReviewDao.class, dao -> dao.close(id, status.name(), decidedBy, now, note));
            if (closed == 0) {
                outcomes.add(new Outcome(id, item, "decided meanwhile by someone else or by a scan"));
                continue;
            }
            outcomes.add(new Outcome(id, new ReviewItem(item.id(), item.namespace(), item.dataset(), item.kind(),
                    item.field(), item.type(), item.sensitivity(), item.detail(), status, item.createdAt(), decidedBy,
                    now, note), null));
        }
        return outcomes;
    }

    private static List<String> allSensitivities() {
        List<String> all = new ArrayList<>(SENSITIVITIES);
        return all;
    }
}
