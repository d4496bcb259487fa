package io.custodian.atlas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.atlas.model.instance.AtlasClassification;
import org.apache.atlas.model.instance.AtlasEntity;

/**
 * The one rule of which classifications in Atlas are Custodian's: those carrying the
 * {@value #SOURCE} attribute, which the export sets on everything it pushes. Export replaces and
 * removes only those; import skips them, so Custodian never reads back what it wrote, and leaves
 * every other classification (a person's, an Atlas hook's) as it is.
 */
public final class PushedClassifications {
    /** The type's sensitivity (PUBLIC to RESTRICTED), for Ranger policy conditions. */
    public static final String SENSITIVITY = "sensitivity";
    /**
     * Where Custodian's classification comes from: SCANNER, STEWARD, PROPAGATED; TYPES on the
     * super-type of a column; COLUMNS on a table's.
     */
    public static final String SOURCE = "custodianSource";
    /** The source of a table's classification: one of its columns carries it. */
    public static final String FROM_COLUMNS = "COLUMNS";
    /** The source of a column's super-type: the column carries one of its types. */
    public static final String FROM_TYPES = "TYPES";

    private PushedClassifications() {}

    /** Whether Custodian pushed this classification. */
    public static boolean pushed(AtlasClassification classification) {
        Object source = classification.getAttributes() == null ? null : classification.getAttributes().get(SOURCE);
        return source != null && !source.toString().isEmpty();
    }

    /** A classification as Custodian pushes it: its attributes, and never propagated by Atlas. */
    public static AtlasClassification of(String type, String sensitivity, String source) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(SENSITIVITY, sensitivity);
        attributes.put(SOURCE, source);
        AtlasClassification classification = new AtlasClassification(type, attributes);
        // Custodian propagates along its own lineage and pushes the result.
        classification.setPropagate(false);
        classification.setRemovePropagationsOnEntityDelete(false);
        return classification;
    }

    /** Whether a pushed classification already says what {@code wanted} says. */
    public static boolean same(AtlasClassification present, AtlasClassification wanted) {
        return Objects.equals(attribute(present, SENSITIVITY), attribute(wanted, SENSITIVITY))
                && Objects.equals(attribute(present, SOURCE), attribute(wanted, SOURCE))
                && Boolean.FALSE.equals(present.getPropagate());
    }

    /**
     * The classifications attached to the entity itself; those Atlas propagated to it from another
     * entity (whose {@code entityGuid} is that entity's) are not the entity's to change.
     */
    public static List<AtlasClassification> direct(AtlasEntity entity) {
        return direct(entity.getGuid(), entity.getClassifications());
    }

    public static List<AtlasClassification> direct(String guid, List<AtlasClassification> classifications) {
        if (classifications == null) {
            return List.of();
        }
        return classifications.stream()
                .filter(c -> c.getEntityGuid() == null || c.getEntityGuid().equals(guid))
                .toList();
    }

    private static String attribute(AtlasClassification classification, String name) {
        Object value = classification.getAttributes() == null ? null : classification.getAttributes().get(name);
        return value == null ? null : value.toString();
    }
}
