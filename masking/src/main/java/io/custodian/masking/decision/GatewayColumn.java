package io.custodian.masking.decision;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.strategy.ColumnType;

/** A column as the gateway reads it: its name and declared type. */
public record GatewayColumn(String name, ColumnType type) {
    public GatewayColumn {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
