package io.custodian.masking.policy;

import io.custodian.policy.PolicySection;
import io.custodian.policy.SectionContext;
import io.custodian.policy.YamlTree.Node;
import java.util.List;

/**
 * Stand-ins for the sections other capabilities register that the shipped policy file holds
 * ({@code scanner}, {@code propagation}); masking may not depend on the scanner, and its tests only
 * need those sections to be accepted.
 */
public final class OtherSections implements PolicySection<String> {
    public static final List<PolicySection<?>> SHIPPED = List.of(new OtherSections("scanner"),
            new OtherSections("propagation"));

    private final String name;

    private OtherSections(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String empty() {
        return "";
    }

    @Override
    public String overlay(String under, Node node, SectionContext context) {
        return "set";
    }

    @Override
    public Object describe(String value) {
        return value;
    }
}
