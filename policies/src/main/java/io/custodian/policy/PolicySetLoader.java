package io.custodian.policy;

import static java.util.Objects.requireNonNull;

import io.custodian.policy.YamlTree.MapNode;
import io.custodian.policy.YamlTree.Node;
import io.custodian.policy.YamlTree.Scalar;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads a policy set: the shipped defaults, then an optional file, then an optional folder's
 * {@code .yml}/{@code .yaml} files in file-name order, each laid over the ones before. A set is
 * valid as a whole or not at all: the first problem throws a {@link PolicyException} naming file,
 * line and column.
 *
 * <p>How files combine: {@code types} replaces a type of an earlier layer by name and adds new
 * ones; each registered section decides how its keys combine (see its
 * {@link PolicySection#overlay}). Within the folder, files are peers: a type or setting defined by
 * two of them is a contradiction, not an override. Every section may name any type of the set.
 */
public final class PolicySetLoader {
    /** The classpath resource holding the shipped policy set. */
    public static final String SHIPPED_RESOURCE = "policies/classification.yml";
    /** Policy files are small; a bigger one is a mistake (or an attack on the parser). */
    public static final long MAX_FILE_BYTES = 1_000_000;
    static final int MAX_FOLDER_FILES = 1000;
    /** Sections other capabilities will register; until then a file holding one is refused. */
    private static final Set<String> PLANNED = Set.of("erasure", "retention");
    private static final String TYPES = "types";
    private static final String VERSION = "version";
    private static final Set<String> TYPE_KEYS = Set.of("sensitivity", "description", "identifiesSubject");

    private final Map<String, PolicySection<?>> sections;
    private final Clock clock;

    /** @param sections every section the running program knows; a file holding any other is refused */
    public PolicySetLoader(List<? extends PolicySection<?>> sections, Clock clock) {
        Map<String, PolicySection<?>> byName = new LinkedHashMap<>();
        for (PolicySection<?> section : sections) {
            String name = requireNonNull(section.name(), "section name is null");
            if (name.equals(TYPES) || name.equals(VERSION) || !name.matches("[a-z][a-zA-Z0-9_]{0,63}")) {
                throw new IllegalArgumentException("a section may not be named '" + name + "'");
            }
            if (byName.put(name, section) != null) {
                throw new IllegalArgumentException("two sections are named " + name);
            }
        }
        this.sections = Map.copyOf(byName);
        this.clock = requireNonNull(clock, "clock is null");
    }

    public PolicySetLoader(List<? extends PolicySection<?>> sections) {
        this(sections, Clock.systemUTC());
    }

    /**
     * Loads the set the sources name.
     *
     * @throws PolicyException naming file, line and column of the first problem
     */
    public PolicySet load(PolicySources sources) {
        requireNonNull(sources, "sources is null");
        return build(read(sources), sources.describe());
    }

    /**
     * A hash of what {@link #load} would read now (or of why it cannot be read), cheap to compare:
     * equal fingerprints mean nothing changed.
     */
    public String fingerprint(PolicySources sources) {
        try {
            return version(read(sources));
        } catch (PolicyException e) {
            return "unreadable " + e.getMessage();
        }
    }

    /** One file's bytes: {@code name} as errors show it, {@code key} as the version hashes it. */
    private record Document(String name, String key, String layer, byte[] bytes) {}

    private List<Document> read(PolicySources sources) {
        List<Document> documents = new ArrayList<>();
        documents.add(new Document("classpath:" + SHIPPED_RESOURCE, SHIPPED_RESOURCE, "shipped", shipped()));
        sources.file().ifPresent(file -> documents.add(new Document(file.toString(),
                "file/" + file.getFileName(), "file", readFile(file))));
        sources.folder().ifPresent(folder -> {
            for (Path file : folderFiles(folder)) {
                documents.add(new Document(file.toString(), "folder/" + file.getFileName(), "folder", readFile(file)));
            }
        });
        return documents;
    }

    private static byte[] shipped() {
        try (InputStream in = PolicySetLoader.class.getClassLoader().getResourceAsStream(SHIPPED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the shipped policy " + SHIPPED_RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the shipped policy", e);
        }
    }

    /** The folder's policy files by file name; hidden files and other extensions (editor backups) are left out. */
    private static List<Path> folderFiles(Path folder) {
        String source = folder.toString();
        if (!Files.exists(folder)) {
            throw PolicyException.ofFile(source, "no such folder");
        }
        if (!Files.isDirectory(folder)) {
            throw PolicyException.ofFile(source, "is not a folder; policies.dir names a folder of .yml files");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> files = entries
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return !name.startsWith(".") && (name.endsWith(".yml") || name.endsWith(".yaml"));
                    })
                    .filter(Files::isRegularFile)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
            if (files.size() > MAX_FOLDER_FILES) {
                throw PolicyException.ofFile(source, "holds " + files.size() + " policy files; at most "
                        + MAX_FOLDER_FILES);
            }
            return files;
        } catch (IOException e) {
            throw PolicyException.ofFile(source, "cannot be listed: " + e.getMessage());
        }
    }

    private static byte[] readFile(Path file) {
        String source = file.toString();
        try {
            if (Files.isDirectory(file)) {
                throw PolicyException.ofFile(source, "is a directory, not a policy file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw PolicyException.ofFile(source, "is " + size + " bytes; a policy file is at most " + MAX_FILE_BYTES);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw PolicyException.ofFile(source, "no such file");
        } catch (IOException e) {
            throw PolicyException.ofFile(source, "cannot be read: " + e.getMessage());
        }
    }

    private static String text(Document document) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(document.bytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw PolicyException.ofFile(document.name(), "is not UTF-8 text");
        }
    }

    private PolicySet build(List<Document> documents, String origin) {
        // Parse and check every file's shape first, so that no section sees a half-read set.
        List<MapNode> roots = new ArrayList<>();
        for (Document document : documents) {
            roots.add(root(document));
        }
        // Types next, from every file, so that any section of any file may name any type of the set.
        Map<String, Map<String, String>> claims = new HashMap<>();
        Map<String, ClassificationType> types = new LinkedHashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            Node node = roots.get(i).entries().get(TYPES);
            if (node != null) {
                Document document = documents.get(i);
                SectionContext context = new SectionContext(document.name(), new Taxonomy(List.of()),
                        claims.computeIfAbsent(document.layer(), k -> new HashMap<>()));
                readTypes(context, node, types);
            }
        }
        Taxonomy taxonomy = new Taxonomy(types.values());
        Map<String, Object> values = new LinkedHashMap<>();
        for (PolicySection<?> section : new TreeSet<>(sections.keySet()).stream().map(sections::get).toList()) {
            values.put(section.name(), overlayAll(section, documents, roots, taxonomy, claims));
        }
        List<PolicyFile> files = documents.stream()
                .map(d -> new PolicyFile(d.name(), d.layer(), sha256(d.bytes())))
                .toList();
        return new PolicySet(version(documents), origin, files, clock.instant(), taxonomy, sections, values);
    }

    private static <T> T overlayAll(PolicySection<T> section, List<Document> documents, List<MapNode> roots,
            Taxonomy taxonomy, Map<String, Map<String, String>> claims) {
        T value = requireNonNull(section.empty(), () -> section.name() + " has no empty value");
        for (int i = 0; i < documents.size(); i++) {
            Node node = roots.get(i).entries().get(section.name());
            if (node != null) {
                Document document = documents.get(i);
                value = requireNonNull(section.overlay(value, node, new SectionContext(document.name(), taxonomy,
                        claims.computeIfAbsent(document.layer(), k -> new HashMap<>()))),
                        () -> section.name() + " gave no value");
            }
        }
        return value;
    }

    private MapNode root(Document document) {
        String source = document.name();
        Node root = YamlTree.parse(source, new StringReader(text(document)));
        if (!(root instanceof MapNode map)) {
            throw new PolicyException(source, root.line(), root.column(),
                    "a policy file must be a mapping of sections (types, " + String.join(", ",
                            new TreeSet<>(sections.keySet())) + "), not " + SectionContext.describe(root));
        }
        for (String key : map.entries().keySet()) {
            if (!key.equals(TYPES) && !key.equals(VERSION) && !sections.containsKey(key)) {
                Set<String> known = new TreeSet<>(sections.keySet());
                known.add(TYPES);
                known.add(VERSION);
                YamlTree.KeyPosition at = map.keyPosition(key);
                throw new PolicyException(source, at.line(), at.column(), "unknown section '" + key + "'"
                        + (PLANNED.contains(key) ? " (no part of this server reads it yet)" : "")
                        + "; a policy file holds " + known);
            }
        }
        Node version = map.entries().get(VERSION);
        if (version != null && !(version instanceof Scalar scalar && scalar.isNumber() && "1".equals(scalar.text()))) {
            throw new PolicyException(source, version.line(), version.column(), "version must be 1, not "
                    + SectionContext.describe(version));
        }
        return map;
    }

    private static void readTypes(SectionContext context, Node node, Map<String, ClassificationType> types) {
        MapNode map = context.map(node, TYPES);
        for (Map.Entry<String, Node> entry : map.entries().entrySet()) {
            String name = entry.getKey();
            if (!ClassificationType.isValidName(name)) {
                throw context.error(map, name, "type name '" + name
                        + "' must be upper case letters, digits and underscores, starting with a letter");
            }
            context.claim("type " + name, map, name);
            MapNode body = context.map(entry.getValue(), "type " + name);
            context.checkKeys(body, TYPE_KEYS, "type " + name);
            Node sensitivityNode = body.entries().get("sensitivity");
            if (sensitivityNode == null) {
                throw context.error(map, name, "type " + name + " has no sensitivity (one of "
                        + Arrays.toString(Sensitivity.values()) + ")");
            }
            Scalar sensitivity = context.scalar(sensitivityNode, "sensitivity of " + name);
            Sensitivity level = Arrays.stream(Sensitivity.values())
                    .filter(s -> s.name().equals(sensitivity.text()))
                    .findFirst()
                    .orElseThrow(() -> context.error(sensitivity, "sensitivity of " + name + " is '"
                            + sensitivity.text() + "', not one of " + Arrays.toString(Sensitivity.values())));
            Node descriptionNode = body.entries().get("description");
            String description = descriptionNode == null ? "" : context.text(descriptionNode, "description of " + name);
            Node identifiesNode = body.entries().get("identifiesSubject");
            boolean identifies = identifiesNode != null && context.bool(identifiesNode, "identifiesSubject of " + name);
            types.put(name, new ClassificationType(name, level, description, identifies));
        }
    }

    private static String version(List<Document> documents) {
        MessageDigest digest = digest();
        for (Document document : documents) {
            digest.update((document.layer() + "\n" + document.key() + "\n" + document.bytes().length + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            digest.update(document.bytes());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
