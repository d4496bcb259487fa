package io.custodian.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migration scheme that keeps modules and branches from colliding: every module's migrations
 * sit in a folder named for the module and carry a date-and-time version. The server sees every
 * module's migrations on its class path, as the running service does.
 */
class MigrationLayoutTest {
    private static final String ROOT = "db/migration/";
    /** The migrations written before the scheme; their versions and checksums are in live stores. */
    private static final Set<String> LEGACY_VERSIONS = Set.of("1", "1_5", "2", "3");
    private static final Pattern NAME = Pattern.compile("V(\\d{4}_\\d{2}_\\d{2}_\\d{4}|\\d+(?:_\\d+)?)__\\w+\\.sql");
    private static List<String> migrations;

    @BeforeAll
    static void findMigrations() throws IOException, URISyntaxException {
        List<String> found = new ArrayList<>();
        for (URL url : Collections.list(MigrationLayoutTest.class.getClassLoader().getResources(ROOT))) {
            if (url.getProtocol().equals("jar")) {
                var jar = ((JarURLConnection) url.openConnection()).getJarFile();
                jar.stream().map(JarEntry::getName)
                        .filter(name -> name.startsWith(ROOT) && name.endsWith(".sql"))
                        .forEach(name -> found.add(name.substring(ROOT.length())));
            } else {
                Path root = Path.of(url.toURI());
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(f -> f.toString().endsWith(".sql"))
                            .forEach(f -> found.add(root.relativize(f).toString().replace('\\', '/')));
                }
            }
        }
        migrations = List.copyOf(found);
    }

    @Test
    void everyModuleHasMigrations() {
        assertThat(migrations).anyMatch(m -> m.startsWith("catalog/")).anyMatch(m -> m.startsWith("access/"));
    }

    @Test
    void everyMigrationLivesInItsModulesFolder() {
        assertThat(migrations).allSatisfy(m -> assertThat(m).matches("[a-z][a-z-]*/[^/]+"));
    }

    @Test
    void newMigrationsAreVersionedByDateAndTime() {
        for (String migration : migrations) {
            Matcher name = NAME.matcher(migration.substring(migration.indexOf('/') + 1));
            assertThat(name.matches()).as("%s is named V<yyyy>_<mm>_<dd>_<hhmm>__<what>.sql", migration).isTrue();
            String version = name.group(1);
            assertThat(version.length() > 4 || LEGACY_VERSIONS.contains(version))
                    .as("%s: only the first migrations keep small numbers", migration).isTrue();
        }
    }

    @Test
    void noTwoMigrationsShareAVersion() {
        Map<String, String> byVersion = new HashMap<>();
        for (String migration : migrations) {
            Matcher name = NAME.matcher(migration.substring(migration.indexOf('/') + 1));
            if (name.matches()) {
                String other = byVersion.putIfAbsent(name.group(1), migration);
                assertThat(other).as("%s and %s share a version", migration, other).isNull();
            }
        }
    }
}
