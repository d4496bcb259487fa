package io.custodian.policy;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a policy set comes from, lowest layer first: the shipped defaults (always), one policy file
 * (the deprecated {@code scanner.policyFile}, or {@code scan-file --policy}), and a folder whose
 * files are laid over both.
 *
 * @param file one file laid over the shipped defaults, if any
 * @param folder a folder of {@code .yml}/{@code .yaml} files laid over the defaults and the file, if any
 */
public record PolicySources(Optional<Path> file, Optional<Path> folder) {
    public PolicySources {
        requireNonNull(file, "file is null");
        requireNonNull(folder, "folder is null");
    }

    /** The shipped defaults alone. */
    public static PolicySources shipped() {
        return new PolicySources(Optional.empty(), Optional.empty());
    }

    public static PolicySources file(Path file) {
        return new PolicySources(Optional.of(file), Optional.empty());
    }

    public static PolicySources folder(Path folder) {
        return new PolicySources(Optional.empty(), Optional.of(folder));
    }

    /** As people read it: the folder, the file, or "shipped defaults". */
    public String describe() {
        if (folder.isPresent()) {
            return folder.get() + file.map(f -> " (over " + f + ")").orElse("");
        }
        return file.map(Path::toString).orElse("shipped defaults");
    }
}
