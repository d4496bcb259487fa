package io.custodian.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyWatcherTest {
    private static final PlainSection SCANNER = new PlainSection("scanner");
    private final PolicySetLoader loader = new PolicySetLoader(List.of(SCANNER, new PlainSection("propagation")));

    @TempDir
    Path dir;

    @Test
    void aGoodChangeIsPutInForceABadOneIsRefusedAndReportedUntilFixed() throws IOException {
        Path file = dir.resolve("scanner.yml");
        Files.writeString(file, "scanner:\n  reporting_threshold: 0.6\n");
        PolicySources sources = PolicySources.folder(dir);
        PolicyInForce inForce = new PolicyInForce(loader.load(sources));
        List<String> heard = new ArrayList<>();
        inForce.addListener(new PolicyListener() {
            @Override
            public void reloaded(PolicySet previous, PolicySet current) {
                heard.add("reloaded " + previous.shortVersion() + " -> " + current.shortVersion());
            }

            @Override
            public void reloadFailed(ReloadFailure failure, PolicySet stays) {
                heard.add("refused " + failure.message() + ", " + stays.shortVersion() + " stays");
            }
        });
        PolicyWatcher watcher = new PolicyWatcher(loader, sources, inForce, Duration.ofSeconds(2), Clock.systemUTC());
        PolicySet first = inForce.get();
        assertThat(watcher.poll()).as("nothing changed").isFalse();

        Files.writeString(file, "scanner:\n  reporting_threshold: 0.7\n");
        assertThat(watcher.poll()).isTrue();
        PolicySet second = inForce.get();
        assertThat(second.version()).isNotEqualTo(first.version());
        assertThat(second.section(SCANNER)).containsEntry("scanner.reporting_threshold", "0.7");

        Files.writeString(file, "scanner:\n  reporting_threshold: 0.8\n  reporting_threshold: 0.9\n");
        assertThat(watcher.poll()).isTrue();
        assertThat(inForce.get()).isSameAs(second);
        assertThat(inForce.failure()).hasValueSatisfying(f -> {
            assertThat(f.message()).isEqualTo(file + ":3:3: key 'reporting_threshold' appears twice (first at 2:3)");
            assertThat(f.source()).isEqualTo(file.toString());
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.column()).isEqualTo(3);
        });
        assertThat(watcher.poll()).as("the same bad content is reported once").isFalse();

        Files.writeString(file, "scanner:\n  reporting_threshold: 0.8\n");
        assertThat(watcher.poll()).isTrue();
        assertThat(inForce.failure()).isEmpty();
        assertThat(inForce.get().section(SCANNER)).containsEntry("scanner.reporting_threshold", "0.8");

        Files.delete(file);
        assertThat(watcher.poll()).as("a removed file is a change").isTrue();
        assertThat(inForce.get().section(SCANNER)).containsEntry("scanner.reporting_threshold", "0.5");
        assertThat(heard).hasSize(4);
        assertThat(heard.get(1)).startsWith("refused " + file + ":3:3:").endsWith(second.shortVersion() + " stays");
    }

    @Test
    void theRunningWatcherPicksUpAnAddedFile() throws Exception {
        PolicySources sources = PolicySources.folder(dir);
        PolicyInForce inForce = new PolicyInForce(loader.load(sources));
        CountDownLatch reloaded = new CountDownLatch(1);
        inForce.addListener(new PolicyListener() {
            @Override
            public void reloaded(PolicySet previous, PolicySet current) {
                reloaded.countDown();
            }

            @Override
            public void reloadFailed(ReloadFailure failure, PolicySet stays) {}
        });
        PolicyWatcher watcher = new PolicyWatcher(loader, sources, inForce, Duration.ofMillis(50), Clock.systemUTC());
        watcher.start();
        try {
            Files.writeString(dir.resolve("types.yml"), "types:\n  FR_INSEE: {sensitivity: RESTRICTED}\n");
            assertThat(reloaded.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(inForce.get().taxonomy().contains("FR_INSEE")).isTrue();
        } finally {
            watcher.stop();
        }
    }
}
