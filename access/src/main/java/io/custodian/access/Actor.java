package io.custodian.access;

import static java.util.Objects.requireNonNull;

import io.custodian.access.keys.ApiKeys;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who did something, as the audit log keeps it: what kind of actor it is, its id within that kind,
 * and the name people read. The kind is never read from the name of a new entry: a token whose
 * subject reads {@code bootstrap admin (bootstrap)} is a {@link Kind#TOKEN} with that id.
 *
 * <p>A name ends in a suffix only code writes ({@code (token)}, the key's prefix), and is at most
 * {@link #MAX_NAME} characters with that suffix whole, so {@link #fromName} reads back the kind of
 * any name made here: domain code hands actors around as names, and entries written before kinds
 * existed have nothing else.
 *
 * @param kind what authenticated the actor, or that it is the service itself
 * @param id the key's prefix, the token's subject, or the service's name
 * @param name what the audit log showed before kinds existed, and domain records still show
 */
public record Actor(Kind kind, String id, String name) {
    /** Names and ids are stored in columns of this many characters. */
    public static final int MAX_NAME = 256;
    /**
     * The names the service records its own actions under: key bootstrapping from the environment,
     * policy reloads and saved exports, the scanner, the subject request worker, the retention
     * scheduler, the Kafka lineage consumer, the demo loader. A name not listed here, without a caller's suffix, is {@link Kind#UNKNOWN}.
     */
    public static final Set<String> SERVICE_NAMES = Set.of("environment", "custodian", "custodian-scanner",
            "custodian-worker", "retention-scheduler", "custodian-kafka", "custodian-demo");
    private static final String TOKEN_SUFFIX = " (token)";
    private static final String BOOTSTRAP_SUFFIX = " (" + ApiKeys.BOOTSTRAP_PREFIX + ")";
    private static final Pattern KEY_NAME = Pattern.compile("(?s).* \\(([0-9a-f]{8})\\)");

    /** What authenticated an actor. */
    public enum Kind {
        /** An API key an admin issued; the id is its prefix. */
        API_KEY,
        /** The bootstrap admin key from the environment or the data folder; the id is {@code bootstrap}. */
        BOOTSTRAP_KEY,
        /** An OIDC / JWT bearer token; the id is its subject. */
        TOKEN,
        /** The service itself; the id is one of {@link #SERVICE_NAMES}. */
        SERVICE,
        /** An entry written before kinds were recorded whose name says nothing certain. */
        UNKNOWN
    }

    public Actor {
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
    }

    /** The holder of an API key: the bootstrap key under its prefix, any other an API key. */
    public static Actor apiKey(String keyName, String prefix) {
        requireNonNull(keyName, "keyName is null");
        requireNonNull(prefix, "prefix is null");
        String suffix = " (" + prefix + ")";
        String name = cut(keyName, MAX_NAME - suffix.length()) + suffix;
        return prefix.equals(ApiKeys.BOOTSTRAP_PREFIX) ? new Actor(Kind.BOOTSTRAP_KEY, prefix, name)
                : new Actor(Kind.API_KEY, prefix, name);
    }

    /** The subject of a verified token; a subject longer than a name allows is cut. */
    public static Actor token(String subject) {
        requireNonNull(subject, "subject is null");
        String id = cut(subject, MAX_NAME - TOKEN_SUFFIX.length());
        return new Actor(Kind.TOKEN, id, id + TOKEN_SUFFIX);
    }

    /** The service acting of its own accord, under one of {@link #SERVICE_NAMES}. */
    public static Actor service(String name) {
        if (!SERVICE_NAMES.contains(name)) {
            throw new IllegalArgumentException("not a service actor: " + name);
        }
        return new Actor(Kind.SERVICE, name, name);
    }

    /**
     * The actor a name stands for: the suffix a caller's name ends in, else a service name, else
     * {@link Kind#UNKNOWN}. The audit log's migration applies the same rule to the entries it finds.
     */
    public static Actor fromName(String name) {
        requireNonNull(name, "name is null");
        if (name.endsWith(TOKEN_SUFFIX)) {
            return new Actor(Kind.TOKEN, name.substring(0, name.length() - TOKEN_SUFFIX.length()), name);
        }
        if (name.endsWith(BOOTSTRAP_SUFFIX)) {
            return new Actor(Kind.BOOTSTRAP_KEY, ApiKeys.BOOTSTRAP_PREFIX, name);
        }
        Matcher key = KEY_NAME.matcher(name);
        if (key.matches()) {
            return new Actor(Kind.API_KEY, key.group(1), name);
        }
        return new Actor(SERVICE_NAMES.contains(name) ? Kind.SERVICE : Kind.UNKNOWN, name, name);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
