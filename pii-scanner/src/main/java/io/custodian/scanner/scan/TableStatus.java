package io.custodian.scanner.scan;

/** Where the scan of one table is. A failed table does not fail the scan; it says why. */
public enum TableStatus {
    PENDING, RUNNING, DONE, FAILED, TIMED_OUT, INTERRUPTED
}
