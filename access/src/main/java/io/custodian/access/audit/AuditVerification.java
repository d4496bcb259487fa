package io.custodian.access.audit;

import java.util.Optional;

/**
 * The result of walking the audit log's hash chain.
 *
 * @param entries how many entries were checked
 * @param firstBrokenSeq the first entry whose hash or link does not hold, if any
 * @param problem what is wrong there
 */
public record AuditVerification(long entries, Optional<Long> firstBrokenSeq, Optional<String> problem) {
    public boolean intact() {
        return firstBrokenSeq.isEmpty();
    }
}
