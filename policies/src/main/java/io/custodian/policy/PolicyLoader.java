package io.custodian.policy;

import io.custodian.policy.PropagationRules.EdgeKind;
import io.custodian.policy.YamlTree.ListNode;
import io.custodian.policy.YamlTree.MapNode;
import io.custodian.policy.YamlTree.Node;
import io.custodian.policy.YamlTree.Scalar;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads classification policies from YAML and checks them: every error names the file, the line and
 * what is wrong. Files are laid over the default policy (see {@link ClassificationPolicy#load}).
 */
final class PolicyLoader {
    /** Policy files are small; a bigger one is a mistake (or an attack on the parser). */
    static final long MAX_FILE_BYTES = 1_000_000;

    private static final Set<String> ROOT_KEYS = Set.of("version", "types", "scanner", "propagation");
    private static final Set<String> TYPE_KEYS = Set.of("sensitivity", "description");
    private static final Set<String> SCANNER_KEYS = Set.of("reporting_threshold", "thresholds");
    private static final Set<String> PROPAGATION_KEYS = Set.of("default", "by_type");

    private final Map<String, ClassificationType> types = new LinkedHashMap<>();
    private double reportingThreshold = 0.5;
    private final Map<String, Double> thresholds = new LinkedHashMap<>();
    private final Map<EdgeKind, Boolean> defaultRules = new LinkedHashMap<>();
    private final Map<String, Map<EdgeKind, Boolean>> rulesByType = new LinkedHashMap<>();

    private PolicyLoader() {}

    static ClassificationPolicy loadDefaults() {
        PolicyLoader loader = new PolicyLoader();
        loader.apply("classpath:" + ClassificationPolicy.DEFAULT_RESOURCE, readDefaultResource());
        return loader.build();
    }

    static ClassificationPolicy loadOverriding(Path file) {
        PolicyLoader loader = new PolicyLoader();
        loader.apply("classpath:" + ClassificationPolicy.DEFAULT_RESOURCE, readDefaultResource());
        String source = file.toString();
        loader.apply(source, readFile(source, file));
        return loader.build();
    }

    /** Parses policy text laid over the defaults; for tests and for policies held elsewhere than in a file. */
    static ClassificationPolicy parseOverriding(String source, String yaml) {
        PolicyLoader loader = new PolicyLoader();
        loader.apply("classpath:" + ClassificationPolicy.DEFAULT_RESOURCE, readDefaultResource());
        loader.apply(source, yaml);
        return loader.build();
    }

    private static String readDefaultResource() {
        try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(ClassificationPolicy.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default policy " + ClassificationPolicy.DEFAULT_RESOURCE
                        + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default policy", e);
        }
    }

    private static String readFile(String source, Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new PolicyException(source, 0, "is a directory, not a policy file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new PolicyException(source, 0, "is " + size + " bytes; a policy file is at most " + MAX_FILE_BYTES);
            }
            byte[] bytes = Files.readAllBytes(file);
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new PolicyException(source, 0, "is not UTF-8 text");
            }
        } catch (NoSuchFileException e) {
            throw new PolicyException(source, 0, "no such file");
        } catch (IOException e) {
            throw new PolicyException(source, 0, "cannot be read: " + e.getMessage(), e);
        }
    }

    private void apply(String source, String yaml) {
        Node root;
        try (Reader reader = new StringReader(yaml)) {
            root = YamlTree.parse(source, reader);
        } catch (IOException e) {
            throw new PolicyException(source, 0, "cannot be read: " + e.getMessage(), e);
        }
        MapNode map = asMap(source, root, "the policy");
        checkKeys(source, map, ROOT_KEYS, "the policy");
        Node version = map.entries().get("version");
        if (version != null) {
            Scalar scalar = asScalar(source, version, "version");
            if (!scalar.isNumber() || !"1".equals(scalar.text())) {
                throw new PolicyException(source, scalar.line(), "version must be 1, not '" + scalar.text() + "'");
            }
        }
        // Types first, so thresholds and rules in the same file may name the types it adds.
        if (map.entries().get("types") != null) {
            applyTypes(source, asMap(source, map.entries().get("types"), "types"));
        }
        if (map.entries().get("scanner") != null) {
            applyScanner(source, asMap(source, map.entries().get("scanner"), "scanner"));
        }
        if (map.entries().get("propagation") != null) {
            applyPropagation(source, asMap(source, map.entries().get("propagation"), "propagation"));
        }
    }

    private void applyTypes(String source, MapNode node) {
        node.entries().forEach((name, value) -> {
            int line = node.keyLines().get(name);
            if (!ClassificationType.isValidName(name)) {
                throw new PolicyException(source, line, "type name '" + name
                        + "' must be upper case letters, digits and underscores, starting with a letter");
            }
            MapNode body = asMap(source, value, "type " + name);
            checkKeys(source, body, TYPE_KEYS, "type " + name);
            Node sensitivityNode = body.entries().get("sensitivity");
            if (sensitivityNode == null) {
                throw new PolicyException(source, line, "type " + name + " has no sensitivity (one of "
                        + Arrays.toString(Sensitivity.values()) + ")");
            }
            Scalar sensitivity = asScalar(source, sensitivityNode, "sensitivity of " + name);
            Sensitivity level = Arrays.stream(Sensitivity.values())
                    .filter(s -> s.name().equals(sensitivity.text()))
                    .findFirst()
                    .orElseThrow(() -> new PolicyException(source, sensitivity.line(), "sensitivity of " + name
                            + " is '" + sensitivity.text() + "', not one of " + Arrays.toString(Sensitivity.values())));
            Node descriptionNode = body.entries().get("description");
            String description = descriptionNode == null ? "" : textOf(source, descriptionNode, "description of " + name);
            types.put(name, new ClassificationType(name, level, description));
        });
    }

    private void applyScanner(String source, MapNode node) {
        checkKeys(source, node, SCANNER_KEYS, "scanner");
        Node reporting = node.entries().get("reporting_threshold");
        if (reporting != null) {
            reportingThreshold = probability(source, reporting, "reporting_threshold");
        }
        Node perType = node.entries().get("thresholds");
        if (perType != null) {
            MapNode map = asMap(source, perType, "scanner.thresholds");
            map.entries().forEach((type, value) -> {
                requireKnownType(source, map.keyLines().get(type), type, "scanner.thresholds");
                thresholds.put(type, probability(source, value, "threshold of " + type));
            });
        }
    }

    private void applyPropagation(String source, MapNode node) {
        checkKeys(source, node, PROPAGATION_KEYS, "propagation");
        Node defaults = node.entries().get("default");
        if (defaults != null) {
            defaultRules.putAll(rules(source, asMap(source, defaults, "propagation.default"), "propagation.default"));
        }
        Node byType = node.entries().get("by_type");
        if (byType != null) {
            MapNode map = asMap(source, byType, "propagation.by_type");
            map.entries().forEach((type, value) -> {
                requireKnownType(source, map.keyLines().get(type), type, "propagation.by_type");
                String where = "propagation.by_type." + type;
                rulesByType.computeIfAbsent(type, t -> new LinkedHashMap<>())
                        .putAll(rules(source, asMap(source, value, where), where));
            });
        }
    }

    private static Map<EdgeKind, Boolean> rules(String source, MapNode node, String where) {
        Map<EdgeKind, Boolean> rules = new LinkedHashMap<>();
        node.entries().forEach((key, value) -> {
            int line = node.keyLines().get(key);
            EdgeKind kind;
            try {
                kind = EdgeKind.parse(key);
            } catch (IllegalArgumentException e) {
                throw new PolicyException(source, line, where + ": " + e.getMessage());
            }
            Scalar scalar = asScalar(source, value, where + "." + key);
            if (!scalar.isBoolean()) {
                throw new PolicyException(source, scalar.line(), where + "." + key
                        + " must be true or false, not '" + scalar.text() + "'");
            }
            rules.put(kind, Boolean.parseBoolean(scalar.text()));
        });
        return rules;
    }

    private void requireKnownType(String source, int line, String type, String where) {
        if (!types.containsKey(type)) {
            throw new PolicyException(source, line, where + " names unknown type '" + type
                    + "'; define it under types, or use one of " + new TreeMap<>(types).keySet());
        }
    }

    private static double probability(String source, Node node, String what) {
        Scalar scalar = asScalar(source, node, what);
        if (!scalar.isNumber()) {
            throw new PolicyException(source, scalar.line(), what + " must be a number in [0, 1], not '"
                    + scalar.text() + "'");
        }
        double value = Double.parseDouble(scalar.text());
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new PolicyException(source, scalar.line(), what + " is " + scalar.text() + ", outside [0, 1]");
        }
        return value;
    }

    private static MapNode asMap(String source, Node node, String what) {
        if (node instanceof MapNode map) {
            return map;
        }
        throw new PolicyException(source, node.line(), what + " must be a mapping of keys to values, not "
                + describe(node));
    }

    private static Scalar asScalar(String source, Node node, String what) {
        if (node instanceof Scalar scalar && !scalar.isNull()) {
            return scalar;
        }
        throw new PolicyException(source, node.line(), what + " must be a single value, not " + describe(node));
    }

    private static String textOf(String source, Node node, String what) {
        return asScalar(source, node, what).text();
    }

    private static void checkKeys(String source, MapNode node, Set<String> allowed, String where) {
        node.entries().keySet().stream()
                .filter(key -> !allowed.contains(key))
                .findFirst()
                .ifPresent(key -> {
                    throw new PolicyException(source, node.keyLines().get(key), "unknown key '" + key + "' in "
                            + where + "; expected one of " + allowed.stream().sorted().collect(Collectors.toList()));
                });
    }

    private static String describe(Node node) {
        if (node instanceof MapNode) {
            return "a mapping";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        Scalar scalar = (Scalar) node;
        return scalar.isNull() ? "an empty value" : "'" + scalar.text() + "'";
    }

    private ClassificationPolicy build() {
        return new ClassificationPolicy(new Taxonomy(List.copyOf(types.values())),
                new ScannerThresholds(reportingThreshold, thresholds),
                new PropagationRules(defaultRules, rulesByType));
    }
}
