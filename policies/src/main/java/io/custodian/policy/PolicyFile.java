package io.custodian.policy;

import static java.util.Objects.requireNonNull;

/**
 * One file of a policy set in force.
 *
 * @param name where it comes from: {@code classpath:policies/classification.yml}, or its path
 * @param layer {@code shipped}, {@code file} or {@code folder}
 * @param sha256 the SHA-256 of its bytes, lower-case hex
 */
public record PolicyFile(String name, String layer, String sha256) {
    public PolicyFile {
        requireNonNull(name, "name is null");
        requireNonNull(layer, "layer is null");
        requireNonNull(sha256, "sha256 is null");
    }
}
