package io.custodian.catalog.lineage;

import static java.util.Objects.requireNonNull;

/**
 * A node id as Marquez writes them: {@code dataset:NS:NAME}, {@code job:NS:NAME},
 * {@code datasetField:NS:NAME:FIELD}. Namespaces and names may hold colons themselves
 * ({@code postgres://db:5432}), so the text after the kind is kept whole here and split against
 * the namespaces and datasets the store knows.
 */
public record NodeId(Kind kind, String rest) {
    /** Longer ids cannot name anything the store holds (namespace, name and field lengths added up). */
    public static final int MAX_LENGTH = 8_192;

    public NodeId {
        requireNonNull(kind, "kind is null");
        requireNonNull(rest, "rest is null");
    }

    /** What a node id names, with the prefix it is written with. */
    public enum Kind {
        DATASET("dataset"),
        JOB("job"),
        DATASET_FIELD("datasetField");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /** Parses the form of a node id; whether it names something is for the store to say. */
    public static NodeId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidNodeIdException("nodeId is required, such as dataset:NAMESPACE:NAME");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidNodeIdException("nodeId is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new InvalidNodeIdException("nodeId holds a control character at index " + i);
            }
        }
        int colon = text.indexOf(':');
        String prefix = colon < 0 ? text : text.substring(0, colon);
        for (Kind kind : Kind.values()) {
            if (kind.prefix.equals(prefix)) {
                String rest = text.substring(colon + 1);
                // Names may end in a colon themselves, so only a missing separator is malformed.
                if (colon < 0 || rest.indexOf(':') <= 0) {
                    throw new InvalidNodeIdException("nodeId must read " + kind.prefix
                            + (kind == Kind.DATASET_FIELD ? ":NAMESPACE:NAME:FIELD" : ":NAMESPACE:NAME")
                            + ", got \"" + abbreviate(text) + "\"");
                }
                return new NodeId(kind, rest);
            }
        }
        throw new InvalidNodeIdException("nodeId must start with dataset:, job: or datasetField:, got \""
                + abbreviate(text) + "\"");
    }

    public static String dataset(String namespace, String name) {
        return Kind.DATASET.prefix + ":" + namespace + ":" + name;
    }

    public static String job(String namespace, String name) {
        return Kind.JOB.prefix + ":" + namespace + ":" + name;
    }

    public static String field(String namespace, String dataset, String field) {
        return Kind.DATASET_FIELD.prefix + ":" + namespace + ":" + dataset + ":" + field;
    }

    @Override
    public String toString() {
        return kind.prefix + ":" + rest;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
