package io.custodian.policy;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The canonical types of personal data the catalog knows, each with its sensitivity. */
public final class Taxonomy {
    private final Map<String, ClassificationType> types;

    public Taxonomy(Collection<ClassificationType> types) {
        requireNonNull(types, "types is null");
        Map<String, ClassificationType> byName = new LinkedHashMap<>();
        for (ClassificationType type : types) {
            if (byName.put(type.name(), type) != null) {
                throw new IllegalArgumentException("type defined twice: " + type.name());
            }
        }
        this.types = Collections.unmodifiableMap(byName);
    }

    public Optional<ClassificationType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** The type of that name; throws if the taxonomy does not define it. */
    public ClassificationType type(String name) {
        ClassificationType type = types.get(name);
        if (type == null) {
            throw new IllegalArgumentException("unknown classification type: " + name);
        }
        return type;
    }

    public boolean contains(String name) {
        return types.containsKey(name);
    }

    /** Type names in the order the policy lists them. */
    public Set<String> names() {
        return types.keySet();
    }

    public Collection<ClassificationType> types() {
        return types.values();
    }
}
