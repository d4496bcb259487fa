package io.custodian.policy;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A policy set as loaded: the taxonomy, each registered section's value, where it came from, and its
 * version, the SHA-256 of every file it was read from in canonical order. Immutable: a reload makes
 * a new set, and every decision names the version of the set it used.
 */
public final class PolicySet {
    /** How many hex digits of the version people are shown; the full version is always kept. */
    public static final int SHORT_VERSION_LENGTH = 12;

    private final String version;
    private final String origin;
    private final List<PolicyFile> files;
    private final Instant loadedAt;
    private final Taxonomy taxonomy;
    private final Map<String, PolicySection<?>> sections;
    private final Map<String, Object> values;

    PolicySet(String version, String origin, List<PolicyFile> files, Instant loadedAt, Taxonomy taxonomy,
            Map<String, PolicySection<?>> sections, Map<String, Object> values) {
        this.version = requireNonNull(version, "version is null");
        this.origin = requireNonNull(origin, "origin is null");
        this.files = List.copyOf(files);
        this.loadedAt = requireNonNull(loadedAt, "loadedAt is null");
        this.taxonomy = requireNonNull(taxonomy, "taxonomy is null");
        this.sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The SHA-256 (hex) of the set's files: shipped defaults, then the policy file, then the folder's files by name. */
    public String version() {
        return version;
    }

    /** The first {@value #SHORT_VERSION_LENGTH} hex digits of the version, for display. */
    public String shortVersion() {
        return version.substring(0, SHORT_VERSION_LENGTH);
    }

    /** The folder (and file) it was read from, or {@code shipped defaults}. */
    public String origin() {
        return origin;
    }

    /** The files it was read from, in the order they were laid over each other. */
    public List<PolicyFile> files() {
        return files;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** The value of a registered section. */
    public <T> T section(PolicySection<T> section) {
        requireNonNull(section, "section is null");
        PolicySection<?> registered = sections.get(section.name());
        if (registered == null || registered.getClass() != section.getClass()) {
            throw new IllegalArgumentException("the policy set has no section registered as " + section.name());
        }
        @SuppressWarnings("unchecked")
        T value = (T) values.get(section.name());
        return value;
    }

    /** Whether the section has the same value in both sets. */
    public boolean sameSection(PolicySet other, PolicySection<?> section) {
        return Objects.equals(section(section), other.section(section));
    }

    /** Each registered section's value as plain data, by section name. */
    public Map<String, Object> describeSections() {
        Map<String, Object> out = new LinkedHashMap<>();
        sections.forEach((name, section) -> out.put(name, describe(section)));
        return out;
    }

    private <T> Object describe(PolicySection<T> section) {
        return section.describe(section(section));
    }

    @Override
    public String toString() {
        return "PolicySet[" + shortVersion() + " from " + origin + "]";
    }
}
