package io.custodian.catalog.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.lineage.sql.SqlDefaults;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unqualified names in a job's SQL resolve against the naming of the datasets its event names. */
class SqlDefaultsFromDatasetsTest {
    private static DatasetSpec dataset(String name) {
        return new DatasetSpec("warehouse", name, List.of(), List.of(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Test
    void datasetsSharingDatabaseAndSchemaGiveBoth() {
        assertThat(SqlLineageDeriver.defaults(List.of(dataset("prod.sales.orders"), dataset("prod.sales.customers"))))
                .isEqualTo(SqlDefaults.of("prod", "sales"));
    }

    @Test
    void datasetsSharingASchemaGiveTheSchema() {
        assertThat(SqlLineageDeriver.defaults(List.of(dataset("sales.orders"), dataset("orders_unqualified"),
                dataset("sales.customers")))).isEqualTo(SqlDefaults.of(null, "sales"));
    }

    @Test
    void datasetsInDifferentSchemasGiveNone() {
        assertThat(SqlLineageDeriver.defaults(List.of(dataset("prod.sales.orders"), dataset("prod.crm.customers"))))
                .isEqualTo(SqlDefaults.NONE);
        assertThat(SqlLineageDeriver.defaults(List.of(dataset("s3://bucket/path/file.parquet"))))
                .isEqualTo(SqlDefaults.NONE);
    }
}
