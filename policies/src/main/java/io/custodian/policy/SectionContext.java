package io.custodian.policy;

import static java.util.Objects.requireNonNull;

import io.custodian.policy.YamlTree.KeyPosition;
import io.custodian.policy.YamlTree.ListNode;
import io.custodian.policy.YamlTree.MapNode;
import io.custodian.policy.YamlTree.Node;
import io.custodian.policy.YamlTree.Scalar;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link PolicySection} parsing one file's section may use: the file's name, the taxonomy of
 * the whole set (every file's types, so a section may name a type another file defines), checks
 * that fail with {@code file:line:column}, and {@link #claim} to find two files of a folder that
 * set the same thing.
 */
public final class SectionContext {
    private final String source;
    private final Taxonomy taxonomy;
    private final Map<String, String> claims;

    SectionContext(String source, Taxonomy taxonomy, Map<String, String> claims) {
        this.source = requireNonNull(source, "source is null");
        this.taxonomy = requireNonNull(taxonomy, "taxonomy is null");
        this.claims = requireNonNull(claims, "claims is null");
    }

    /** The file (or resource) being read, as errors name it. */
    public String source() {
        return source;
    }

    /** The types of the whole set being loaded. */
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** An error at a node of this file. */
    public PolicyException error(Node node, String problem) {
        return new PolicyException(source, node.line(), node.column(), problem);
    }

    /** An error at a key of a mapping of this file. */
    public PolicyException error(MapNode map, String key, String problem) {
        KeyPosition at = map.keyPosition(key);
        return new PolicyException(source, at.line(), at.column(), problem);
    }

    /**
     * Records that this file sets {@code setting} (such as {@code scanner.reporting_threshold}).
     * Files of one policy folder are peers: when another file of the folder already set it, the two
     * contradict each other, and the set is refused. A later layer (the folder over the shipped
     * defaults) may replace what an earlier one set.
     */
    public void claim(String setting, MapNode map, String key) {
        KeyPosition at = map.keyPosition(key);
        String here = source + ":" + at.line() + ":" + at.column();
        String earlier = claims.putIfAbsent(setting, here);
        if (earlier != null) {
            throw new PolicyException(source, at.line(), at.column(), setting + " is also set at " + earlier
                    + "; each setting of a policy folder belongs in one file");
        }
    }

    public MapNode map(Node node, String what) {
        if (node instanceof MapNode map) {
            return map;
        }
        throw error(node, what + " must be a mapping of keys to values, not " + describe(node));
    }

    public Scalar scalar(Node node, String what) {
        if (node instanceof Scalar scalar && !scalar.isNull()) {
            return scalar;
        }
        throw error(node, what + " must be a single value, not " + describe(node));
    }

    public String text(Node node, String what) {
        Scalar scalar = scalar(node, what);
        if (!scalar.isString()) {
            throw error(node, what + " must be text, not " + describe(node));
        }
        return scalar.text();
    }

    public boolean bool(Node node, String what) {
        Scalar scalar = scalar(node, what);
        if (!scalar.isBoolean()) {
            throw error(node, what + " must be true or false, not " + describe(node));
        }
        return Boolean.parseBoolean(scalar.text());
    }

    /** A number in [0, 1]. */
    public double probability(Node node, String what) {
        Scalar scalar = scalar(node, what);
        if (!scalar.isNumber()) {
            throw error(node, what + " must be a number in [0, 1], not " + describe(node));
        }
        double value = Double.parseDouble(scalar.text());
        if (!(value >= 0.0 && value <= 1.0)) {
            throw error(node, what + " is " + scalar.text() + ", outside [0, 1]");
        }
        return value;
    }

    /** Fails at the first key of {@code map} that is not allowed. */
    public void checkKeys(MapNode map, Set<String> allowed, String where) {
        for (String key : map.entries().keySet()) {
            if (!allowed.contains(key)) {
                throw error(map, key, "unknown key '" + key + "' in " + where + "; expected one of "
                        + new TreeSet<>(allowed));
            }
        }
    }

    /** Fails unless {@code key} of {@code map} names a type of the set's taxonomy. */
    public String knownType(MapNode map, String key, String where) {
        if (!taxonomy.contains(key)) {
            throw error(map, key, where + " names unknown type '" + key
                    + "'; define it under types, or use one of " + new TreeSet<>(taxonomy.names()));
        }
        return key;
    }

    static String describe(Node node) {
        if (node instanceof MapNode) {
            return "a mapping";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        Scalar scalar = (Scalar) node;
        if (scalar.isNull()) {
            return "an empty value";
        }
        if (scalar.isString()) {
            return "the text '" + scalar.text() + "'";
        }
        return "'" + scalar.text() + "'";
    }
}
