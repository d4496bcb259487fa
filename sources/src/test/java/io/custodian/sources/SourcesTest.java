package io.custodian.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Dataset names to tables and back, and which source serves a dataset. */
class SourcesTest {
    private static SourceSettings source(String name, String namespace, String prefix) {
        return SourceSettings.of(name, "jdbc:postgresql://db:5432/" + name, "u", "p", namespace,
                Optional.ofNullable(prefix));
    }

    @Test
    void datasetNamesMapToTablesAndBack() {
        DatasetNaming plain = new DatasetNaming(Optional.empty());
        assertThat(plain.table("public.users")).contains(TableRef.of("public", "users"));
        assertThat(plain.table("public.events.2024")).contains(TableRef.of("public", "events.2024"));
        assertThat(plain.table("users")).isEmpty();
        assertThat(plain.table(".users")).isEmpty();
        assertThat(plain.table("public.")).isEmpty();
        assertThat(plain.datasetName(TableRef.of("public", "users"))).isEqualTo("public.users");
        assertThat(plain.datasetName(TableRef.of(null, "users"))).isEqualTo("users");

        DatasetNaming shop = new DatasetNaming(Optional.of("shop"));
        assertThat(shop.table("shop.public.users")).contains(TableRef.of("public", "users"));
        assertThat(shop.table("public.users")).isEmpty();
        assertThat(shop.table("shopping.public.users")).isEmpty();
        assertThat(shop.datasetName(TableRef.of("public", "users"))).isEqualTo("shop.public.users");
        assertThat(shop.datasetName(new TableRef("other", "public", "users"))).isEqualTo("shop.public.users");
        assertThat(shop.shape()).isEqualTo("shop.schema.table");
        assertThat(new DatasetNaming(Optional.of(" ")).prefix()).isEmpty();
    }

    @Test
    void aDatasetIsServedByTheSourceOfItsNamespaceWithTheLongestMatchingPrefix() {
        Sources sources = new Sources(List.of(source("any", "postgres://db:5432", null),
                source("shop", "postgres://db:5432", "shop"), source("other", "postgres://other:5432", null)));
        assertThat(sources.resolve("postgres://db:5432", "shop.public.users")).hasValueSatisfying(t -> {
            assertThat(t.source().name()).isEqualTo("shop");
            assertThat(t.table()).isEqualTo(TableRef.of("public", "users"));
        });
        assertThat(sources.resolve("postgres://db:5432", "public.users").orElseThrow().source().name()).isEqualTo("any");
        assertThat(sources.resolve("postgres://nowhere:5432", "public.users")).isEmpty();
        assertThat(sources.serving("postgres://db:5432")).extracting(SourceSettings::name).containsExactly("any", "shop");
    }

    @Test
    void namesAndNamespacesMustNotCollide() {
        assertThatThrownBy(() -> new Sources(List.of(source("a", "n", null), source("a", "m", null))))
                .hasMessageContaining("two sources are named a");
        assertThatThrownBy(() -> new Sources(List.of(source("a", "n", "db"), source("b", "n", "db"))))
                .hasMessageContaining("sources a and b both serve namespace n");
    }

    @Test
    void anUnknownNameIsAnErrorListingTheConfiguredOnes() {
        Sources sources = new Sources(List.of(source("b", "n", null), source("a", "m", null)));
        assertThatThrownBy(() -> sources.get("c")).isInstanceOf(UnknownSourceException.class)
                .hasMessage("no source is configured under the name c; configured: [a, b]");
        assertThat(sources.find("a")).isPresent();
        assertThat(sources.names()).containsExactly("a", "b");
    }
}
