package io.custodian.atlas;

import io.custodian.atlas.client.AtlasConnection;
import io.custodian.policy.ClassificationType;
import io.custodian.policy.Taxonomy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.atlas.model.typedef.AtlasClassificationDef;
import org.apache.atlas.model.typedef.AtlasStructDef.AtlasAttributeDef;
import org.apache.atlas.model.typedef.AtlasStructDef.AtlasAttributeDef.Cardinality;

/**
 * Custodian's classification types in Atlas: the super-type ({@code PII}) with the attributes every
 * pushed classification carries ({@link PushedClassifications}), and one type per canonical type
 * of the taxonomy under it. Missing types are created; a super-type that lacks the attributes gets
 * them; a type of the same name that someone else made without the super-type is left as it is,
 * with a warning.
 */
public final class ClassificationTypes {
    /** The service type of the types Custodian creates, as Atlas's type listing shows it. */
    public static final String SERVICE_TYPE = "custodian";
    private static final String TYPE_VERSION = "1.0";

    private ClassificationTypes() {}

    /** What {@link #ensure} did. */
    public record Outcome(int created, int updated, List<String> warnings) {
        public Outcome {
            warnings = List.copyOf(warnings);
        }
    }

    /** Makes Atlas hold the super-type and every type of the taxonomy. */
    public static Outcome ensure(AtlasConnection atlas, String superType, Taxonomy taxonomy) {
        Map<String, AtlasClassificationDef> present = atlas.classificationDefs().stream()
                .collect(Collectors.toMap(AtlasClassificationDef::getName, Function.identity(), (a, b) -> a));
        List<AtlasClassificationDef> create = new ArrayList<>();
        List<AtlasClassificationDef> update = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        AtlasClassificationDef root = present.get(superType);
        if (root == null) {
            create.add(superTypeDef(superType));
        } else {
            List<AtlasAttributeDef> attributes = new ArrayList<>(
                    root.getAttributeDefs() == null ? List.of() : root.getAttributeDefs());
            Set<String> names = attributes.stream().map(AtlasAttributeDef::getName).collect(Collectors.toSet());
            boolean missing = false;
            for (AtlasAttributeDef wanted : attributes()) {
                if (!names.contains(wanted.getName())) {
                    attributes.add(wanted);
                    missing = true;
                }
            }
            if (missing) {
                AtlasClassificationDef changed = new AtlasClassificationDef(root);
                changed.setAttributeDefs(attributes);
                update.add(changed);
            }
        }
        List<ClassificationType> types = new ArrayList<>(taxonomy.types());
        types.sort(Comparator.comparing(ClassificationType::name));
        for (ClassificationType type : types) {
            AtlasClassificationDef def = present.get(type.name());
            if (def == null) {
                create.add(typeDef(type, superType));
            } else if (def.getSuperTypes() == null || !def.getSuperTypes().contains(superType)) {
                warnings.add("Atlas has a classification " + type.name() + " that is not a " + superType
                        + "; it is used as it is");
            }
        }
        // The super-type first: Atlas checks a type's super-types when it is created, and both go in one request.
        if (!create.isEmpty()) {
            atlas.createTypes(create);
        }
        if (!update.isEmpty()) {
            atlas.updateTypes(update);
        }
        return new Outcome(create.size(), update.size(), warnings);
    }

    static AtlasClassificationDef superTypeDef(String superType) {
        AtlasClassificationDef def = new AtlasClassificationDef(superType,
                "Personal data, as Custodian classifies it; every type of its taxonomy is a " + superType,
                TYPE_VERSION, attributes());
        def.setServiceType(SERVICE_TYPE);
        return def;
    }

    static AtlasClassificationDef typeDef(ClassificationType type, String superType) {
        AtlasClassificationDef def = new AtlasClassificationDef(type.name(),
                type.description() + " (sensitivity " + type.sensitivity() + ")", TYPE_VERSION, List.of(),
                Set.of(superType));
        def.setServiceType(SERVICE_TYPE);
        return def;
    }

    private static List<AtlasAttributeDef> attributes() {
        // On the super-type only: Atlas lets no sub-type declare an attribute its super-type has, and
        // every sub-type's classifications carry the super-type's attributes.
        return List.of(
                new AtlasAttributeDef(PushedClassifications.SENSITIVITY, "string", true, Cardinality.SINGLE),
                new AtlasAttributeDef(PushedClassifications.SOURCE, "string", true, Cardinality.SINGLE));
    }
}
