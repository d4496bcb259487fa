package io.custodian.atlas;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where Atlas is and how the bridge talks to it: the server's URL, basic-authentication
 * credentials, timeouts, retries of a busy Atlas (503), the page size of searches, the super-type
 * of Custodian's classifications, Atlas classification names that mean a Custodian type, and the
 * namespaces whose datasets are exported and imported.
 *
 * @param url the Atlas server, such as {@code http://atlas.example.com:21000}
 * @param superType the classification every pushed one inherits from ({@code PII}); tag-based
 *     policies in Ranger name it to cover every type at once
 * @param importAliases Atlas classification names (such as {@code PII_EMAIL}) that stand for a
 *     Custodian type ({@code EMAIL_ADDRESS}); Custodian's own names need no alias
 */
public record AtlasSettings(URI url, String user, String password, Duration connectTimeout, Duration readTimeout,
        int retries, Duration retryInterval, int pageSize, String superType, Map<String, String> importAliases,
        List<NamespaceMapping> namespaces) {
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    public static final int MAX_PAGE_SIZE = 10_000;

    public AtlasSettings {
        requireNonNull(url, "url is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
        requireNonNull(retryInterval, "retryInterval is null");
        requireNonNull(superType, "superType is null");
        importAliases = Map.copyOf(importAliases);
        namespaces = List.copyOf(namespaces);
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("atlas.url is an http or https URL, such as http://atlas:21000");
        }
        if (url.getUserInfo() != null) {
            throw new IllegalArgumentException("atlas.url carries no credentials; set atlas.user and atlas.password");
        }
        if (retries < 1 || retries > 10) {
            throw new IllegalArgumentException("atlas.retries is from 1 to 10");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("atlas.pageSize is from 1 to " + MAX_PAGE_SIZE);
        }
        if (!TYPE_NAME.matcher(superType).matches()) {
            throw new IllegalArgumentException("atlas.superType is a classification name: letters, digits and _");
        }
        Set<String> seen = new HashSet<>();
        for (NamespaceMapping mapping : namespaces) {
            if (!seen.add(mapping.namespace())) {
                throw new IllegalArgumentException("atlas.namespaces maps " + mapping.namespace() + " twice");
            }
        }
    }

    /** The mapping of a Custodian namespace, if it is exported and imported. */
    public Optional<NamespaceMapping> mapping(String namespace) {
        return namespaces.stream().filter(m -> m.namespace().equals(namespace)).findFirst();
    }

    /** Basic authentication is used when both a user and a password are set. */
    public boolean authenticates() {
        return user != null && !user.isEmpty() && password != null && !password.isEmpty();
    }

    @Override
    public String toString() {
        // Never the password.
        return "AtlasSettings[url=" + url + ", user=" + user + ", namespaces=" + namespaces.size() + "]";
    }
}
