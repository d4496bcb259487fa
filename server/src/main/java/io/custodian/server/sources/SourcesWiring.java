package io.custodian.server.sources;

import static java.util.Objects.requireNonNull;

import io.custodian.server.scan.ScannerFactory;
import io.custodian.sources.DataSources;
import io.custodian.sources.SourceSettings;
import io.custodian.sources.Sources;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data systems Custodian reaches, wired once: the top-level {@code sources} list plus the
 * sources that {@code scanner.sources} entries of the deprecated shape still define, and their
 * connection pools, opened while the service runs.
 */
public final class SourcesWiring {
    private static final Logger log = LoggerFactory.getLogger(SourcesWiring.class);
    private final Sources sources;
    private final DataSources dataSources;
    private final Optional<String> deprecation;

    /**
     * @throws IllegalArgumentException when a source is defined both in {@code sources} and in
     *     {@code scanner.sources}, or settings are invalid (the message names the source)
     */
    public SourcesWiring(List<SourceFactory> configured, ScannerFactory scanner) {
        List<SourceSettings> all = new ArrayList<>(configured.stream().map(SourceFactory::build).toList());
        Set<String> names = all.stream().map(SourceSettings::name).collect(Collectors.toSet());
        List<SourceSettings> legacy = scanner.legacySources();
        for (SourceSettings source : legacy) {
            if (names.contains(source.name())) {
                throw new IllegalArgumentException("source " + source.name() + " is defined both in sources and in "
                        + "scanner.sources (with a url); define it once, in sources, and keep only its sampleSize, "
                        + "concurrency and tableTimeout under scanner.sources");
            }
        }
        all.addAll(legacy);
        this.deprecation = legacy.isEmpty() ? Optional.empty() : Optional.of("scanner.sources entries with a url are "
                + "deprecated (" + legacy.stream().map(SourceSettings::name).toList() + "): move name, url, user, "
                + "password, namespace and datasetNamePrefix to the top-level sources list, and keep only name, "
                + "sampleSize, concurrency and tableTimeout under scanner.sources");
        deprecation.ifPresent(log::warn);
        this.sources = new Sources(all);
        this.dataSources = new DataSources(sources);
    }

    /** Opens the pools when the service starts and closes them when it stops. */
    public void register(Environment environment) {
        requireNonNull(environment, "environment is null");
        sources.all().forEach(source -> log.info("source {}", source));
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                dataSources.start();
            }

            @Override
            public void stop() {
                dataSources.stop();
            }
        });
    }

    public Sources sources() {
        return sources;
    }

    public DataSources dataSources() {
        return dataSources;
    }

    /** The warning given when the configuration uses the deprecated shape. */
    public Optional<String> deprecation() {
        return deprecation;
    }
}
