package io.custodian.erasure.request;

/** What a data subject asks for: their data erased, or a copy of it. */
public enum RequestType {
    ERASURE,
    ACCESS
}
