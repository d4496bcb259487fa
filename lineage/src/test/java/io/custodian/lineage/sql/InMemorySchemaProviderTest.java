package io.custodian.lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemorySchemaProviderTest {
    private final InMemorySchemaProvider schemas = InMemorySchemaProvider.ofDotted(Map.of(
            "shop.public.orders", List.of("id"),
            "shop.public.items", List.of("id"),
            "crm.public.items", List.of("id"),
            "public.customers", List.of("id")));

    @Test
    void exactNameMatchesIgnoringCase() {
        assertThat(schemas.table(TableName.parse("SHOP.Public.Orders")).orElseThrow().name())
                .isEqualTo(TableName.parse("shop.public.orders"));
    }

    @Test
    void aShorterNameMatchesTheOnlyTableItEndsWith() {
        assertThat(schemas.table(TableName.parse("orders"))).isPresent();
        assertThat(schemas.table(TableName.parse("public.orders"))).isPresent();
    }

    @Test
    void aLongerNameMatchesTheOnlyShorterTableThatEndsIt() {
        assertThat(schemas.table(TableName.parse("warehouse.public.customers")).orElseThrow().name())
                .isEqualTo(TableName.parse("public.customers"));
    }

    @Test
    void twoTablesEndingWithTheNameAreNotGuessedBetween() {
        assertThat(schemas.table(TableName.parse("items"))).isEmpty();
        assertThat(schemas.table(TableName.parse("crm.public.items"))).isPresent();
    }
}
