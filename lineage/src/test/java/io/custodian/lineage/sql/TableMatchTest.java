package io.custodian.lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TableMatchTest {
    private static TableMatch.Result<TableName> find(String name, String... known) {
        return TableMatch.find(TableName.parse(name), List.of(known).stream().map(TableName::parse).toList(),
                Function.identity());
    }

    @Test
    void theSameNameWinsOverLongerNamesEndingWithIt() {
        assertThat(find("public.orders", "shop.public.orders", "Public.Orders").match())
                .contains(TableName.parse("Public.Orders"));
    }

    @Test
    void theOneNameEndingWithItIsFoundByWholeParts() {
        assertThat(find("orders", "shop.public.orders", "shop.public.back_orders").match())
                .contains(TableName.parse("shop.public.orders"));
    }

    @Test
    void twoNamesEndingWithItAreAmbiguousAndNamedWithoutFallingBackToShorterOnes() {
        TableMatch.Result<TableName> result = find("x.items", "a.x.items", "b.x.items", "items");

        assertThat(result.match()).isEmpty();
        assertThat(result.ambiguous()).containsExactly(TableName.parse("a.x.items"), TableName.parse("b.x.items"));
    }

    @Test
    void aLongerNameFindsTheOneShorterNameItEndsWith() {
        assertThat(find("warehouse.public.customers", "public.customers", "customers_old").match())
                .contains(TableName.parse("public.customers"));
    }

    @Test
    void namesThatDifferOnlyInCaseCountAsOne() {
        assertThat(find("orders", "shop.public.orders", "SHOP.public.ORDERS").match())
                .contains(TableName.parse("shop.public.orders"));
    }

    @Test
    void anAmbiguousTableIsAWarningOfTheAnalysisNamingTheCandidates() {
        SchemaProvider schemas = InMemorySchemaProvider.ofDotted(Map.of(
                "shop.public.items", List.of("id"), "crm.public.items", List.of("id")));
        StatementLineage s = new SqlLineageExtractor().extract("SELECT id FROM items",
                io.custodian.lineage.sql.dialect.SqlDialect.POSTGRES, SqlDefaults.NONE, schemas).statements().get(0);

        assertThat(s.warnings()).anyMatch(w -> w.contains("items is ambiguous")
                && w.contains("crm.public.items, shop.public.items"));
    }
}
