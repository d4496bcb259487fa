package io.custodian.atlas.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An Apache Atlas server for tests, on loopback: the v2 REST endpoints the bridge calls, with
 * Atlas's JSON shapes (its AtlasTypesDef, AtlasEntityWithExtInfo, AtlasClassification,
 * AtlasSearchResult and error bodies), basic authentication, offset pagination of basic search,
 * Atlas's refusals (a type that exists, a classification already attached or not attached, an
 * attribute the type does not declare), and injected failures. Every request is recorded.
 */
public final class FakeAtlas implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/atlas/v2/";
    private final HttpServer server;
    private final String authorization;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, ObjectNode> classificationDefs = new TreeMap<>();
    private final Map<String, ObjectNode> entities = new LinkedHashMap<>();
    private final Map<String, String> byName = new TreeMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private final AtomicLong guids = new AtomicLong();

    /** One request as the server received it. */
    public record Request(String method, String path, Map<String, String> query, String body, String authorization) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A column of a table this server holds. */
    public record Column(String name, String type, String comment) {}

    private record Failure(String method, String pathPart, int status, int[] left) {}

    private record Answer(int status, JsonNode body) {}

    public FakeAtlas(String user, String password) throws IOException {
        authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized void clearRequests() {
        requests.clear();
    }

    /** The writes among the requests: everything but GET and searches. */
    public synchronized List<Request> writes() {
        return requests.stream().filter(r -> !r.method().equals("GET") && !r.path().endsWith("/search/basic")).toList();
    }

    /** Answers the next {@code times} requests of the method whose path contains {@code pathPart} with {@code status}. */
    public synchronized void failNext(String method, String pathPart, int status, int times) {
        failures.add(new Failure(method, pathPart, status, new int[] {times}));
    }

    /** A classification type someone made in Atlas, without Custodian's super-type. */
    public synchronized void defineClassification(String name, String... superTypes) {
        ObjectNode def = classificationDef(name, "made in Atlas", List.of(superTypes));
        classificationDefs.put(name, def);
    }

    public synchronized Map<String, JsonNode> classificationDefs() {
        return Map.copyOf(classificationDefs);
    }

    /** Adds a table and its columns as Atlas's hooks register them; returns the table's guid. */
    public synchronized String addTable(String tableType, String columnType, String dataTypeAttribute,
            String qualifiedName, String name, String description, List<Column> columns) {
        ObjectNode table = entity(tableType, qualifiedName, name);
        if (description != null) {
            ((ObjectNode) table.get("attributes")).put("description", description);
        }
        ArrayNode ids = ((ObjectNode) table.get("relationshipAttributes")).putArray("columns");
        String tableName = qualifiedName.contains("@") ? qualifiedName.substring(0, qualifiedName.indexOf('@')) : qualifiedName;
        String cluster = qualifiedName.contains("@") ? qualifiedName.substring(qualifiedName.indexOf('@')) : "";
        int position = 0;
        for (Column column : columns) {
            ObjectNode entity = entity(columnType, tableName + "." + column.name() + cluster, column.name());
            ObjectNode attributes = (ObjectNode) entity.get("attributes");
            attributes.put(dataTypeAttribute, column.type());
            attributes.put("position", position++);
            if (column.comment() != null) {
                attributes.put("comment", column.comment());
            }
            ((ObjectNode) entity.get("relationshipAttributes")).set("table", objectId(table));
            ids.add(objectId(entity));
        }
        return table.get("guid").asText();
    }

    /** Attaches a classification as a person would in Atlas's UI (no Custodian attributes). */
    public synchronized void classify(String type, String qualifiedName, String classification) {
        ObjectNode entity = entities.get(byName.get(type + "\u0000" + qualifiedName));
        ArrayNode list = entity.withArray("classifications");
        ObjectNode c = list.addObject();
        c.put("typeName", classification);
        c.putObject("attributes");
        c.put("entityGuid", entity.get("guid").asText());
        c.put("entityStatus", "ACTIVE");
        c.put("propagate", true);
        c.putArray("validityPeriods");
        c.put("removePropagationsOnEntityDelete", false);
    }

    /** Removes a classification as a person would in Atlas's UI. */
    public synchronized void declassify(String type, String qualifiedName, String classification) {
        detach(entities.get(byName.get(type + "\u0000" + qualifiedName)), classification);
    }

    /** The classifications attached to an entity, as Atlas stores them. */
    public synchronized List<JsonNode> classifications(String type, String qualifiedName) {
        ObjectNode entity = entities.get(byName.get(type + "\u0000" + qualifiedName));
        List<JsonNode> out = new ArrayList<>();
        if (entity != null && entity.has("classifications")) {
            entity.get("classifications").forEach(out::add);
        }
        return out;
    }

    /** Type names of an entity's classifications, sorted. */
    public List<String> classificationNames(String type, String qualifiedName) {
        return classifications(type, qualifiedName).stream().map(c -> c.get("typeName").asText()).sorted().toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String method = exchange.getRequestMethod();
        Answer answer;
        synchronized (this) {
            requests.add(new Request(method, path, query, body, exchange.getRequestHeaders().getFirst("Authorization")));
            answer = answer(method, path, query, body, exchange.getRequestHeaders().getFirst("Authorization"));
        }
        byte[] bytes = answer.body() == null ? new byte[0] : JSON.writeValueAsBytes(answer.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private Answer answer(String method, String path, Map<String, String> query, String body, String auth) {
        if (!authorization.equals(auth)) {
            return error(401, "ATLAS-401-00-001", "Authentication failed");
        }
        for (Iterator<Failure> it = failures.iterator(); it.hasNext(); ) {
            Failure f = it.next();
            if (f.method().equals(method) && path.contains(f.pathPart())) {
                if (--f.left()[0] <= 0) {
                    it.remove();
                }
                return error(f.status(), "ATLAS-" + f.status() + "-00-000", "injected failure");
            }
        }
        if (!path.startsWith(API)) {
            return error(404, "ATLAS-404-00-000", "no such resource");
        }
        String rest = path.substring(API.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        try {
            JsonNode json = body.isEmpty() ? null : JSON.readTree(body);
            if (rest.equals("types/typedefs")) {
                return switch (method) {
                    case "GET" -> new Answer(200, typesDef(classificationDefs.values()));
                    case "POST" -> createTypes(json);
                    case "PUT" -> updateTypes(json);
                    default -> error(405, "ATLAS-405-00-000", "method not allowed");
                };
            }
            if (rest.startsWith("types/classificationdef/name/") && method.equals("GET")) {
                ObjectNode def = classificationDefs.get(rest.substring("types/classificationdef/name/".length()));
                return def == null ? invalidType(rest.substring(rest.lastIndexOf('/') + 1)) : new Answer(200, def);
            }
            if (rest.equals("entity/bulk/classification") && method.equals("POST")) {
                return bulkAdd(json);
            }
            if (rest.equals("search/basic") && method.equals("POST")) {
                return search(json);
            }
            if (rest.startsWith("entity/uniqueAttribute/type/")) {
                String[] parts = rest.substring("entity/uniqueAttribute/type/".length()).split("/");
                String name = query.get("attr:qualifiedName");
                ObjectNode entity = name == null ? null : entities.get(byName.get(parts[0] + "\u0000" + name));
                if (entity == null) {
                    return error(404, "ATLAS-404-00-009", "Instance " + parts[0] + " with unique attribute {qualifiedName="
                            + name + "} does not exist");
                }
                if (parts.length == 1 && method.equals("GET")) {
                    return new Answer(200, withExtInfo(entity));
                }
                if (parts.length == 2 && parts[1].equals("classifications") && method.equals("POST")) {
                    for (JsonNode c : json) {
                        Answer refused = attach(entity, c);
                        if (refused != null) {
                            return refused;
                        }
                    }
                    return new Answer(204, null);
                }
                if (parts.length == 2 && parts[1].equals("classifications") && method.equals("PUT")) {
                    for (JsonNode c : json) {
                        Answer refused = replace(entity, c);
                        if (refused != null) {
                            return refused;
                        }
                    }
                    return new Answer(204, null);
                }
                if (parts.length == 3 && parts[1].equals("classification") && method.equals("DELETE")) {
                    return detach(entity, parts[2]);
                }
            }
            return error(404, "ATLAS-404-00-000", "no such resource");
        } catch (IOException e) {
            return error(400, "ATLAS-400-00-000", "malformed JSON");
        }
    }

    private Answer createTypes(JsonNode typesDef) {
        Map<String, ObjectNode> added = new LinkedHashMap<>();
        for (JsonNode def : typesDef.path("classificationDefs")) {
            String name = def.get("name").asText();
            if (classificationDefs.containsKey(name)) {
                return error(409, "ATLAS-409-00-001", "Given type " + name + " already exists");
            }
            ObjectNode stored = classificationDef(name, def.path("description").asText(null), strings(def.get("superTypes")));
            stored.set("attributeDefs", def.path("attributeDefs").deepCopy());
            if (def.has("serviceType")) {
                stored.put("serviceType", def.get("serviceType").asText());
            }
            added.put(name, stored);
        }
        for (ObjectNode def : added.values()) {
            for (String superType : strings(def.get("superTypes"))) {
                if (!classificationDefs.containsKey(superType) && !added.containsKey(superType)) {
                    return invalidType(superType);
                }
            }
        }
        classificationDefs.putAll(added);
        return new Answer(200, typesDef(added.values()));
    }

    private Answer updateTypes(JsonNode typesDef) {
        List<ObjectNode> updated = new ArrayList<>();
        for (JsonNode def : typesDef.path("classificationDefs")) {
            ObjectNode stored = classificationDefs.get(def.get("name").asText());
            if (stored == null) {
                return invalidType(def.get("name").asText());
            }
            stored.set("attributeDefs", def.path("attributeDefs").deepCopy());
            stored.put("version", stored.get("version").asLong() + 1);
            updated.add(stored);
        }
        return new Answer(200, typesDef(updated));
    }

    private Answer bulkAdd(JsonNode request) {
        JsonNode classification = request.get("classification");
        List<ObjectNode> targets = new ArrayList<>();
        for (JsonNode guid : request.path("entityGuids")) {
            ObjectNode entity = entities.get(guid.asText());
            if (entity == null) {
                return error(404, "ATLAS-404-00-005", "Given instance guid " + guid.asText() + " is invalid/not found");
            }
            targets.add(entity);
        }
        for (ObjectNode entity : targets) {
            Answer refused = check(entity, classification, false);
            if (refused != null) {
                return refused;
            }
        }
        targets.forEach(entity -> store(entity, classification));
        return new Answer(204, null);
    }

    private Answer attach(ObjectNode entity, JsonNode classification) {
        Answer refused = check(entity, classification, false);
        if (refused != null) {
            return refused;
        }
        store(entity, classification);
        return null;
    }

    private Answer replace(ObjectNode entity, JsonNode classification) {
        Answer refused = check(entity, classification, true);
        if (refused != null) {
            return refused;
        }
        ArrayNode list = entity.withArray("classifications");
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).get("typeName").asText().equals(classification.get("typeName").asText())) {
                list.remove(i);
                break;
            }
        }
        store(entity, classification);
        return null;
    }

    private Answer detach(ObjectNode entity, String name) {
        ArrayNode list = entity.withArray("classifications");
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).get("typeName").asText().equals(name)) {
                list.remove(i);
                return new Answer(204, null);
            }
        }
        return error(400, "ATLAS-400-00-030", "classification " + name + " is not associated with entity "
                + entity.get("guid").asText());
    }

    /** Atlas's checks: a known type, declared attributes, attached once (or, to update, attached). */
    private Answer check(ObjectNode entity, JsonNode classification, boolean mustBeAttached) {
        String type = classification.path("typeName").asText();
        if (!classificationDefs.containsKey(type)) {
            return invalidType(type);
        }
        Set<String> declared = attributesOf(type);
        for (Iterator<String> names = classification.path("attributes").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!declared.contains(name)) {
                return error(400, "ATLAS-400-00-01C", type + "." + name + ": invalid attribute");
            }
        }
        boolean attached = false;
        for (JsonNode c : entity.withArray("classifications")) {
            attached |= c.get("typeName").asText().equals(type);
        }
        if (attached && !mustBeAttached) {
            return error(400, "ATLAS-400-00-01A", "classification " + type + " is already associated with entity "
                    + entity.get("guid").asText());
        }
        if (!attached && mustBeAttached) {
            return error(400, "ATLAS-400-00-08D", "classification " + type + " is not associated with entity "
                    + entity.get("guid").asText());
        }
        return null;
    }

    private void store(ObjectNode entity, JsonNode classification) {
        ObjectNode c = JSON.createObjectNode();
        c.put("typeName", classification.get("typeName").asText());
        c.set("attributes", classification.has("attributes") ? classification.get("attributes").deepCopy() : JSON.createObjectNode());
        c.put("entityGuid", entity.get("guid").asText());
        c.put("entityStatus", "ACTIVE");
        c.put("propagate", classification.path("propagate").asBoolean(true));
        c.putArray("validityPeriods");
        c.put("removePropagationsOnEntityDelete", classification.path("removePropagationsOnEntityDelete").asBoolean(false));
        entity.withArray("classifications").add(c);
    }

    private Set<String> attributesOf(String type) {
        Set<String> names = new HashSet<>();
        ObjectNode def = classificationDefs.get(type);
        if (def == null) {
            return names;
        }
        def.path("attributeDefs").forEach(a -> names.add(a.get("name").asText()));
        for (String superType : strings(def.get("superTypes"))) {
            names.addAll(attributesOf(superType));
        }
        return names;
    }

    private boolean isA(String type, String ancestor) {
        if (type.equals(ancestor)) {
            return true;
        }
        ObjectNode def = classificationDefs.get(type);
        return def != null && strings(def.get("superTypes")).stream().anyMatch(s -> isA(s, ancestor));
    }

    private Answer search(JsonNode parameters) {
        String typeName = parameters.path("typeName").asText(null);
        String classification = parameters.path("classification").asText(null);
        boolean subClassifications = parameters.path("includeSubClassifications").asBoolean(true);
        boolean withAttributes = parameters.path("includeClassificationAttributes").asBoolean(false);
        int limit = parameters.path("limit").asInt(100);
        int offset = parameters.path("offset").asInt(0);
        if (typeName == null && classification == null) {
            return error(400, "ATLAS-400-00-046", "search needs a type or a classification");
        }
        List<ObjectNode> matches = new ArrayList<>();
        for (ObjectNode entity : entities.values()) {
            if (typeName != null && !entity.get("typeName").asText().equals(typeName)) {
                continue;
            }
            if (classification != null) {
                boolean has = false;
                for (JsonNode c : entity.withArray("classifications")) {
                    String name = c.get("typeName").asText();
                    has |= subClassifications ? isA(name, classification) : name.equals(classification);
                }
                if (!has) {
                    continue;
                }
            }
            matches.add(entity);
        }
        matches.sort(Comparator.comparing(e -> e.get("attributes").get("qualifiedName").asText()));
        ObjectNode result = JSON.createObjectNode();
        result.put("queryType", "BASIC");
        result.set("searchParameters", parameters);
        result.put("approximateCount", matches.size());
        List<ObjectNode> page = matches.subList(Math.min(offset, matches.size()), Math.min(matches.size(), offset + limit));
        if (!page.isEmpty()) {
            ArrayNode list = result.putArray("entities");
            for (ObjectNode entity : page) {
                ObjectNode header = list.addObject();
                header.put("typeName", entity.get("typeName").asText());
                header.put("guid", entity.get("guid").asText());
                header.put("status", "ACTIVE");
                header.put("displayText", entity.get("attributes").get("name").asText());
                ObjectNode attributes = header.putObject("attributes");
                attributes.set("qualifiedName", entity.get("attributes").get("qualifiedName"));
                attributes.set("name", entity.get("attributes").get("name"));
                ArrayNode names = header.putArray("classificationNames");
                ArrayNode classifications = header.putArray("classifications");
                for (JsonNode c : entity.withArray("classifications")) {
                    names.add(c.get("typeName").asText());
                    ObjectNode copy = (ObjectNode) c.deepCopy();
                    if (!withAttributes) {
                        copy.remove("attributes");
                    }
                    classifications.add(copy);
                }
                header.putArray("meaningNames");
                header.putArray("meanings");
                header.put("isIncomplete", false);
                header.putArray("labels");
            }
        }
        return new Answer(200, result);
    }

    private ObjectNode withExtInfo(ObjectNode entity) {
        ObjectNode out = JSON.createObjectNode();
        out.set("entity", entity);
        ObjectNode referred = out.putObject("referredEntities");
        for (JsonNode id : entity.path("relationshipAttributes").path("columns")) {
            referred.set(id.get("guid").asText(), entities.get(id.get("guid").asText()));
        }
        return out;
    }

    private ObjectNode entity(String type, String qualifiedName, String name) {
        ObjectNode entity = JSON.createObjectNode();
        String guid = new UUID(0x5eedL, guids.incrementAndGet()).toString();
        entity.put("typeName", type);
        ObjectNode attributes = entity.putObject("attributes");
        attributes.put("qualifiedName", qualifiedName);
        attributes.put("name", name);
        entity.put("guid", guid);
        entity.put("isIncomplete", false);
        entity.put("status", "ACTIVE");
        entity.put("createdBy", "hive");
        entity.put("updatedBy", "hive");
        entity.put("createTime", 1_700_000_000_000L);
        entity.put("updateTime", 1_700_000_000_000L + guids.get());
        entity.put("version", 0);
        entity.putObject("relationshipAttributes");
        entity.putArray("labels");
        entities.put(guid, entity);
        byName.put(type + "\u0000" + qualifiedName, guid);
        return entity;
    }

    private static ObjectNode objectId(ObjectNode entity) {
        ObjectNode id = JSON.createObjectNode();
        id.put("guid", entity.get("guid").asText());
        id.put("typeName", entity.get("typeName").asText());
        id.putObject("uniqueAttributes").set("qualifiedName", entity.get("attributes").get("qualifiedName"));
        id.put("entityStatus", "ACTIVE");
        id.put("displayText", entity.get("attributes").get("name").asText());
        id.put("relationshipStatus", "ACTIVE");
        return id;
    }

    private ObjectNode classificationDef(String name, String description, List<String> superTypes) {
        ObjectNode def = JSON.createObjectNode();
        def.put("category", "CLASSIFICATION");
        def.put("guid", new UUID(0xdefL, guids.incrementAndGet()).toString());
        def.put("createdBy", "admin");
        def.put("updatedBy", "admin");
        def.put("createTime", 1_700_000_000_000L);
        def.put("updateTime", 1_700_000_000_000L);
        def.put("version", 1);
        def.put("name", name);
        if (description != null) {
            def.put("description", description);
        }
        def.put("typeVersion", "1.0");
        def.putArray("attributeDefs");
        ArrayNode supers = def.putArray("superTypes");
        superTypes.forEach(supers::add);
        def.putArray("entityTypes");
        def.putArray("subTypes");
        return def;
    }

    private static ObjectNode typesDef(Iterable<ObjectNode> classifications) {
        ObjectNode types = JSON.createObjectNode();
        types.putArray("enumDefs");
        types.putArray("structDefs");
        ArrayNode list = types.putArray("classificationDefs");
        classifications.forEach(list::add);
        types.putArray("entityDefs");
        types.putArray("relationshipDefs");
        types.putArray("businessMetadataDefs");
        return types;
    }

    private Answer invalidType(String name) {
        return error(404, "ATLAS-404-00-007", "Given typename " + name + " was invalid");
    }

    private static Answer error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("errorCode", code);
        body.put("errorMessage", message);
        return new Answer(status, body);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }
}
