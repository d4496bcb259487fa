package io.custodian.access.audit;

import java.time.Instant;

/**
 * One audited action: who did what to which target, when, from where, how it ended, and why when
 * the action requires a reason. Never the sensitive values themselves.
 */
public record AuditEntry(long seq, Instant at, String actor, String action, String target, String outcome,
        String reason, String remoteAddr, String detail, String prevHash, String entryHash) {}
