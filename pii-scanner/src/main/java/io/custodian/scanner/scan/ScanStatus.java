package io.custodian.scanner.scan;

/** Where a scan is. A scan found RUNNING or QUEUED when the service starts becomes INTERRUPTED. */
public enum ScanStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, INTERRUPTED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == INTERRUPTED;
    }
}
