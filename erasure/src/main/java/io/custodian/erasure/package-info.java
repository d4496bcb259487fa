/**
 * Data subject requests: a request names a person by identifiers; the {@link
 * io.custodian.erasure.plan.ErasurePlanner} finds every dataset holding their data from the
 * catalog's classifications and lineage and decides, per dataset and with a reason, what a
 * request of its kind does there; execution runs the plan's statements through the configured
 * sources, durably and verified, and leaves evidence. Identifiers never reach logs, plans or
 * reports: those show a keyed hash.
 */
package io.custodian.erasure;
