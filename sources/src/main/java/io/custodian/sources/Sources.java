package io.custodian.sources;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured sources, by name, and which of them serves a catalog dataset: a source serves the
 * datasets of its namespace whose names match its {@link DatasetNaming}; where several sources share
 * a namespace, the one with the longest matching prefix wins.
 */
public final class Sources {
    private final Map<String, SourceSettings> byName;

    /** @throws IllegalArgumentException when two sources share a name, or a namespace and prefix */
    public Sources(List<SourceSettings> sources) {
        requireNonNull(sources, "sources is null");
        Map<String, SourceSettings> named = new LinkedHashMap<>();
        Map<String, String> served = new LinkedHashMap<>();
        for (SourceSettings source : sources) {
            requireNonNull(source, "a source is null");
            if (named.put(source.name(), source) != null) {
                throw new IllegalArgumentException("two sources are named " + source.name());
            }
            String key = source.namespace() + "\0" + source.datasetNamePrefix().orElse("");
            String other = served.put(key, source.name());
            if (other != null) {
                throw new IllegalArgumentException("sources " + other + " and " + source.name() + " both serve namespace "
                        + source.namespace() + " with dataset names " + source.naming().shape()
                        + "; a dataset there would be ambiguous (give each a datasetNamePrefix)");
            }
        }
        this.byName = named;
    }

    /** The sources in configuration order. */
    public List<SourceSettings> all() {
        return List.copyOf(byName.values());
    }

    /** The sources' names, sorted. */
    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }

    public Optional<SourceSettings> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** @throws UnknownSourceException naming the configured sources when none is called {@code name} */
    public SourceSettings get(String name) {
        return find(name).orElseThrow(() -> new UnknownSourceException(name, names()));
    }

    /** The sources whose tables live in {@code namespace}. */
    public List<SourceSettings> serving(String namespace) {
        return byName.values().stream().filter(s -> s.namespace().equals(namespace)).toList();
    }

    /** The source and table behind a catalog dataset; empty when no configured source serves it. */
    public Optional<SourceTable> resolve(String namespace, String datasetName) {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(datasetName, "datasetName is null");
        List<SourceTable> matches = new ArrayList<>();
        for (SourceSettings source : serving(namespace)) {
            source.table(datasetName).ifPresent(table -> matches.add(new SourceTable(source, table)));
        }
        return matches.stream().max(Comparator.comparingInt(m -> m.source().datasetNamePrefix().map(String::length)
                .orElse(-1)));
    }

    /** A table of a configured source. */
    public record SourceTable(SourceSettings source, TableRef table) {
        public SourceTable {
            requireNonNull(source, "source is null");
            requireNonNull(table, "table is null");
        }
    }
}
