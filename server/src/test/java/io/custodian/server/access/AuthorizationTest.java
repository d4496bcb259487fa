package io.custodian.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.access.Role;
import io.custodian.server.testing.ServerPerDatabaseTest;
import io.custodian.server.testing.TestIssuer;
import io.custodian.server.testing.TestServer;
import io.custodian.server.CustodianApplication;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint the application registers, found by reflection: each declares its roles, and
 * refuses a request without credentials, with a revoked key, and with a key of the wrong role.
 */
class AuthorizationTest extends ServerPerDatabaseTest {
    private final TestIssuer issuer = new TestIssuer();

    @Override
    protected io.dropwizard.testing.ConfigOverride[] overrides() {
        return issuer.overrides();
    }

    @org.junit.jupiter.api.AfterAll
    void stopIssuer() {
        issuer.close();
    }

    /** One endpoint: method, a concrete path, and the roles it allows. */
    record Endpoint(String method, String path, Set<Role> allowed, String where) {}

    /** Every JAX-RS resource class of the server module, found on disk so that a new one cannot hide. */
    private static List<Class<?>> resourceClasses() {
        try {
            // The main classes' own folder: test classes share the package and come first on the class path.
            java.nio.file.Path root = java.nio.file.Path.of(CustodianApplication.class.getProtectionDomain()
                    .getCodeSource().getLocation().toURI()).resolve("io/custodian/server");
            try (var files = java.nio.file.Files.walk(root)) {
                List<Class<?>> classes = new ArrayList<>();
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = "io.custodian.server." + root.relativize(file).toString()
                            .replace(java.io.File.separatorChar, '.').replaceAll("\\.class$", "");
                    Class<?> type = Class.forName(name);
                    if (type.isAnnotationPresent(Path.class)) {
                        classes.add(type);
                    }
                }
                return classes;
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot list the server's classes", e);
        }
    }

    private static List<Endpoint> endpoints(TestServer server) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> type : resourceClasses()) {
            Path classPath = type.getAnnotation(Path.class);
            for (Method method : type.getDeclaredMethods()) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                String where = type.getSimpleName() + "." + method.getName();
                RolesAllowed roles = method.getAnnotation(RolesAllowed.class) != null
                        ? method.getAnnotation(RolesAllowed.class)
                        : type.getAnnotation(RolesAllowed.class);
                assertThat(roles).as(where + " declares its roles").isNotNull();
                assertThat(method.getAnnotation(PermitAll.class)).as(where + " is not open to all").isNull();
                Set<Role> allowed = EnumSet.noneOf(Role.class);
                Arrays.stream(roles.value()).map(Role::valueOf).forEach(allowed::add);
                Path methodPath = method.getAnnotation(Path.class);
                String path = classPath.value() + (methodPath == null ? "" : "/" + methodPath.value());
                endpoints.add(new Endpoint(verb, concrete(path), allowed, where));
            }
        }
        return endpoints;
    }

    private static String verb(Method method) {
        if (method.isAnnotationPresent(GET.class)) {
            return "GET";
        }
        if (method.isAnnotationPresent(POST.class)) {
            return "POST";
        }
        if (method.isAnnotationPresent(PUT.class)) {
            return "PUT";
        }
        if (method.isAnnotationPresent(DELETE.class)) {
            return "DELETE";
        }
        return null;
    }

    private static String concrete(String template) {
        return template.replaceAll("/+", "/").replaceAll("\\{id}", UUID.randomUUID().toString())
                .replaceAll("\\{[^}]+}", "x");
    }

    private static HttpResponse<String> call(TestServer server, Endpoint endpoint, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(endpoint.path()))
                .method(endpoint.method(), endpoint.method().equals("POST") || endpoint.method().equals("PUT")
                        ? HttpRequest.BodyPublishers.ofString("{}")
                        : HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return server.send(request.build());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyEndpointDeclaresItsRolesAndThereAreEndpointsToCheck(String kind) {
        List<Endpoint> endpoints = endpoints(server(kind));
        assertThat(endpoints).extracting(Endpoint::where)
                .contains("LineageResource.post", "NamespaceResource.dataset", "ApiKeyResource.create",
                        "AuditResource.verify");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyEndpointRefusesARequestWithoutCredentials(String kind) {
        TestServer server = server(kind);
        for (Endpoint endpoint : endpoints(server)) {
            HttpResponse<String> response = call(server, endpoint, null);
            assertThat(response.statusCode()).as(endpoint.where()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).as(endpoint.where())
                    .hasValue("application/problem+json");
            assertThat(call(server, endpoint, "cst_00000000_" + "0".repeat(48)).statusCode())
                    .as(endpoint.where() + " with an unknown key").isEqualTo(401);
            String everyRole = String.join(",", Arrays.stream(Role.values()).map(Enum::name).toList());
            assertThat(call(server, endpoint, issuer.expiredToken("alice", everyRole.split(","))).statusCode())
                    .as(endpoint.where() + " with an expired token").isEqualTo(401);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyEndpointRefusesARevokedKey(String kind) {
        TestServer server = server(kind);
        // Every role, so that only the revocation can explain a refusal.
        String key = server.createKey("soon revoked", Arrays.stream(Role.values()).map(Enum::name).toArray(String[]::new));
        HttpResponse<String> revoked = server.send(HttpRequest.newBuilder(
                        server.uri().resolve("/api/v1/admin/api-keys/" + idOf(server, "soon revoked")))
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).DELETE().build());
        assertThat(revoked.statusCode()).isEqualTo(204);

        for (Endpoint endpoint : endpoints(server)) {
            assertThat(call(server, endpoint, key).statusCode()).as(endpoint.where()).isEqualTo(401);
        }
    }

    /** The id of the key with this name, from the admin listing. */
    private static String idOf(TestServer server, String name) {
        for (var key : TestServer.json(server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/admin/api-keys"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).GET().build()).body()).get("keys")) {
            if (key.get("name").asText().equals(name)) {
                return key.get("id").asText();
            }
        }
        throw new AssertionError("no key named " + name);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyEndpointRefusesAKeyWithoutItsRole(String kind) {
        TestServer server = server(kind);
        // One key per role, not per endpoint: key creation is rate-limited, and there are more endpoints than its burst.
        java.util.Map<Role, String> keys = new java.util.EnumMap<>(Role.class);
        for (Endpoint endpoint : endpoints(server)) {
            Role other = Arrays.stream(Role.values()).filter(r -> !endpoint.allowed().contains(r)).findFirst().orElseThrow();
            String key = keys.computeIfAbsent(other, role -> server.createKey("only " + role, role.name()));
            HttpResponse<String> response = call(server, endpoint, key);
            assertThat(response.statusCode()).as(endpoint.where() + " with only " + other).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            // The refusal names the roles that would have been let through, and no other.
            String detail = TestServer.json(response.body()).get("detail").asText();
            for (Role role : Role.values()) {
                if (endpoint.allowed().contains(role)) {
                    assertThat(detail).as(endpoint.where()).containsPattern("\\b" + role.name() + "\\b");
                } else {
                    assertThat(detail).as(endpoint.where()).doesNotContainPattern("\\b" + role.name() + "\\b");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void keyManagementIsAuditedAndTheChainVerifies(String kind) {
        TestServer server = server(kind);
        server.createKey("audited", "READER");

        String audit = server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/audit?action=api-key.create"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).GET().build()).body();
        String verify = server.send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/audit/verify"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).GET().build()).body();

        assertThat(audit).contains("audited").contains("bootstrap admin").doesNotContain("cst_");
        assertThat(TestServer.json(verify).get("firstBrokenSeq").isNull()
                || TestServer.json(verify).get("firstBrokenSeq").isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void healthChecksAndTheOpenApiDocumentNeedNoCredentials(String kind) {
        TestServer server = server(kind);
        assertThat(server.send(HttpRequest.newBuilder(server.uri().resolve("/openapi.json")).GET().build())
                .statusCode()).isEqualTo(200);
        assertThat(server.send(HttpRequest.newBuilder(server.adminUri().resolve("/healthcheck")).GET().build())
                .statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void validTokenIsAcceptedWithTheRolesOfItsClaim(String kind) {
        TestServer server = server(kind);
        Endpoint read = new Endpoint("GET", "/api/v1/namespaces", Set.of(Role.READER), "namespaces");

        assertThat(call(server, read, issuer.token("alice", "READER")).statusCode()).isEqualTo(200);
        assertThat(call(server, read, issuer.token("bob", "PRODUCER", "some-idp-group")).statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void tokenForAnotherAudienceIssuerOrSignedByAnotherKeyIsRefused(String kind) {
        TestServer server = server(kind);
        Endpoint read = new Endpoint("GET", "/api/v1/namespaces", Set.of(Role.READER), "namespaces");

        assertThat(call(server, read, issuer.tokenFor("another-service", "alice", "READER")).statusCode())
                .as("audience").isEqualTo(401);
        assertThat(call(server, read, issuer.tokenFromIssuer("https://evil.example/", "alice", "READER")).statusCode())
                .as("issuer").isEqualTo(401);
        assertThat(call(server, read, issuer.forgedToken("alice", "READER")).statusCode())
                .as("signature").isEqualTo(401);
        assertThat(call(server, read, "not.a.token").statusCode()).as("garbage").isEqualTo(401);
    }
}
