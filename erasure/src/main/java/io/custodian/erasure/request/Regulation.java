package io.custodian.erasure.request;

/** The law a request is made under; it sets the request's deadline (see {@link Deadlines}). */
public enum Regulation {
    GDPR,
    CCPA
}
