package io.custodian.access.audit;

import io.custodian.access.Actor;
import java.time.Instant;

/**
 * One audited action: who did what to which target, when, from where, how it ended, and why when
 * the action requires a reason. Never the sensitive values themselves.
 *
 * @param actor the actor's name, as people read it
 * @param actorKind what authenticated the actor (an API key, the bootstrap key, a token), or that
 *     it was the service; {@code UNKNOWN} for an entry written before kinds were recorded whose
 *     name says nothing certain
 * @param actorId the actor within its kind: a key's prefix, a token's subject, a service's name
 * @param hashVersion which fields {@code entryHash} covers: 1 for entries written before kinds were
 *     recorded (their kind and id were derived from {@code actor} later), 2 for the kind and id too
 */
public record AuditEntry(long seq, Instant at, String actor, Actor.Kind actorKind, String actorId, String action,
        String target, String outcome, String reason, String remoteAddr, String detail, String prevHash,
        String entryHash, int hashVersion) {}
