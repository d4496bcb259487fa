package io.custodian.policy;

import io.custodian.policy.YamlTree.Node;

/**
 * One section of a policy set that a capability defines, such as {@code scanner} or
 * {@code propagation}: its name, its value before any file sets it, and how one file's section is
 * laid over what the files before it set. The policy set knows no section's content; each
 * capability registers its own with the {@link PolicySetLoader}. Implementations are stateless.
 *
 * @param <T> the section's immutable value
 */
public interface PolicySection<T> {
    /** The top-level key of the section in a policy file: lower case, such as {@code scanner}. */
    String name();

    /** The value when no file sets the section. */
    T empty();

    /**
     * Lays one file's section over the value the files before it gave.
     *
     * @param under the value so far (shipped defaults and earlier files)
     * @param node the section's YAML, with positions
     * @param context the file, the whole set's taxonomy, and errors that name file, line and column
     * @throws PolicyException (through {@code context.error}) naming where the section is wrong
     */
    T overlay(T under, Node node, SectionContext context);

    /** The value as plain data (maps, lists, strings, numbers, booleans) for the policy API. */
    Object describe(T value);
}
