package io.custodian.server.access;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Caller;
import io.custodian.access.audit.AuditLog;
import io.custodian.access.audit.AuditRecord;
import jakarta.servlet.http.HttpServletRequest;

/** Records API actions in the audit log with who called and from where. */
public final class Auditor {
    private final AuditLog log;

    public Auditor(AuditLog log) {
        this.log = requireNonNull(log, "log is null");
    }

    public void record(Caller caller, HttpServletRequest request, String action, String target, String outcome,
            String detail) {
        log.append(new AuditRecord(caller.actor(), action, target, outcome, null,
                request == null ? null : request.getRemoteAddr(), detail));
    }
}
