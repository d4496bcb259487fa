package io.custodian.sources;

import java.util.List;

/** Thrown when a source is asked for by a name no configured source has. */
public final class UnknownSourceException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownSourceException(String name, List<String> configured) {
        super("no source is configured under the name " + name + "; configured: " + configured);
    }
}
