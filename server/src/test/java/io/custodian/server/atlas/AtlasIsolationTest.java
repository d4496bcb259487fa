package io.custodian.server.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.atlas.AtlasBridge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Atlas bridge reaches the server as one jar whose every class is under {@code io.custodian.atlas}
 * (the client and what it needs relocated under {@code io.custodian.atlas.shaded}), and brings none
 * of the client's tree: no Jersey 1, JAX-RS 1, JAXB, Hadoop, log4j 1 or second Jackson on the
 * server's class path. {@code AtlasBridgeApiTest} runs the service with the bridge on.
 */
class AtlasIsolationTest {

    @Test
    void theBridgeIsTheRelocatedJarWithNothingOutsideItsOwnPackage() throws Exception {
        Path jar = Path.of(AtlasBridge.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(jar.toString()).as("the reactor hands the server the relocated jar, not loose classes").endsWith(".jar");
        assertThat(Files.size(jar)).isGreaterThan(1_000_000);
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> classes = file.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).toList();
            assertThat(classes).hasSizeGreaterThan(1000)
                    .allSatisfy(name -> assertThat(name).startsWith("io/custodian/atlas/"));
            List<java.util.jar.JarEntry> services = file.stream()
                    .filter(e -> e.getName().startsWith("META-INF/services/") && !e.isDirectory()).toList();
            assertThat(services).isNotEmpty().allSatisfy(entry -> {
                assertThat(entry.getName()).startsWith("META-INF/services/io.custodian.atlas.shaded.");
                String providers = new String(file.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(providers.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")))
                        .allSatisfy(provider -> assertThat(provider).startsWith("io.custodian.atlas.shaded."));
            });
        }
        assertThat(Class.forName("io.custodian.atlas.shaded.org.apache.atlas.AtlasClientV2")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "org.apache.atlas.AtlasClientV2",
            "com.sun.jersey.api.client.Client",
            "javax.ws.rs.core.MediaType",
            "javax.xml.bind.annotation.XmlRootElement",
            "org.apache.commons.configuration.Configuration",
            "org.apache.hadoop.conf.Configuration",
            "org.apache.zookeeper.ZooKeeper",
            "org.springframework.context.ApplicationContext",
            // log4j 1 itself; Dropwizard's log4j-over-slf4j has a Logger too, and none of these.
            "org.apache.log4j.net.SocketServer",
            "com.fasterxml.jackson.jaxrs.json.JacksonJaxbJsonProvider"})
    void noClassOfTheClientsTreeIsOnTheServersClassPath(String name) {
        assertThatThrownBy(() -> Class.forName(name)).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theServersJacksonIsItsOwn() throws Exception {
        Path jackson = Path.of(ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(jackson.getFileName().toString()).startsWith("jackson-databind-");
        Path bridge = Path.of(AtlasBridge.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(jackson).isNotEqualTo(bridge);
    }
}
