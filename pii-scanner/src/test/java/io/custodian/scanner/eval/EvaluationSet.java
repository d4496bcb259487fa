package io.custodian.scanner.eval;

import io.custodian.scanner.ColumnSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A labelled set of columns in tables, generated deterministically from a seed. The development
 * portion and the held-out portion differ in seed, in the column and table names they use (each
 * kind's names alternate between them) and in naming style (the held-out portion writes half its
 * names in camelCase), so that tuning on one and measuring on the other shows whether the rules
 * generalise.
 */
final class EvaluationSet {
    private static final List<String> PEOPLE_TABLES = List.of("customers", "clientes", "utilisateurs", "kunden",
            "pacientes", "employees", "patients", "members", "utenti", "klanten", "users", "dim_customer",
            "contacts", "medewerkers", "alunos", "subscribers", "staff", "pessoas", "mitarbeiter", "usuarios");
    private static final List<String> THING_TABLES = List.of("orders", "products", "events", "payments", "vehicles",
            "network_logs", "deployments", "invoices", "shipments", "support_tickets", "pedidos", "commandes",
            "bestellungen", "ordini", "devices", "sessions", "transactions", "books", "inventory", "audit_events");
    private static final List<String> SUFFIXES = List.of("", "_eu", "_us", "_archive", "_stg", "_v2", "_raw");

    /** One column and the types a steward labels it with. */
    record LabelledColumn(ColumnSample sample, Set<String> labels) {}

    private EvaluationSet() {}

    static List<LabelledColumn> development() {
        return portion(20261124L, false, 7, 24);
    }

    static List<LabelledColumn> heldOut() {
        return portion(4417L, true, 7, 24);
    }

    static List<LabelledColumn> portion(long seed, boolean heldOut, int perKind, int tablesPerKind) {
        Generators g = new Generators(seed);
        List<String> people = tables(PEOPLE_TABLES, heldOut, tablesPerKind);
        List<String> things = tables(THING_TABLES, heldOut, tablesPerKind);
        Map<String, Set<String>> columnsByTable = new LinkedHashMap<>();
        List<LabelledColumn> columns = new ArrayList<>();
        Map<ColumnKind, Integer> nameCursor = new HashMap<>();
        for (ColumnKind kind : EvaluationKinds.all()) {
            List<String> names = portionNames(kind.names(), heldOut);
            for (int i = 0; i < perKind; i++) {
                int cursor = nameCursor.merge(kind, 1, Integer::sum) - 1;
                String name = names.get(cursor % names.size());
                if (heldOut && g.random.nextBoolean()) {
                    name = camelCase(name);
                }
                String table = null;
                for (int attempt = 0; attempt < 20 && table == null; attempt++) {
                    List<String> pool = switch (kind.table()) {
                        case PEOPLE -> people;
                        case THINGS -> things;
                        case ANY -> g.random.nextBoolean() ? people : things;
                    };
                    String candidate = g.pick(pool);
                    if (!columnsByTable.computeIfAbsent(candidate, t -> new HashSet<>()).contains(name)) {
                        table = candidate;
                    }
                }
                if (table == null) {
                    continue;
                }
                columnsByTable.get(table).add(name);
                g.nextLocale();
                int size = 20 + g.random.nextInt(180);
                List<String> values = new ArrayList<>(size);
                for (int v = 0; v < size; v++) {
                    // Some nulls and blanks, as real columns have.
                    values.add(g.random.nextInt(30) == 0 ? "" : kind.values().make(g));
                }
                columns.add(new LabelledColumn(new ColumnSample(table, name, Optional.ofNullable(kind.dataType()),
                        Optional.empty(), values), kind.labels()));
            }
        }
        return columns;
    }

    private static List<String> tables(List<String> bases, boolean heldOut, int count) {
        List<String> tables = new ArrayList<>();
        for (int i = 0; tables.size() < count; i++) {
            String base = bases.get(i % bases.size());
            String suffix = SUFFIXES.get((i / bases.size() + (heldOut ? 3 : 0)) % SUFFIXES.size());
            tables.add(heldOut ? camelCase(base) + suffix : base + suffix);
        }
        return tables;
    }

    /** The names of a kind this portion uses: even positions for development, odd for held-out. */
    private static List<String> portionNames(List<String> names, boolean heldOut) {
        List<String> chosen = new ArrayList<>();
        for (int i = heldOut ? 1 : 0; i < names.size(); i += 2) {
            chosen.add(names.get(i));
        }
        return chosen;
    }

    private static String camelCase(String snake) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }
}
