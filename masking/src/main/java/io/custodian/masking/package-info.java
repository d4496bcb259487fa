/**
 * Masking: who may see which personal data, and in what form. Keys and tokens (Google Tink),
 * masking strategies as Java functions and as SQL expressions per dialect, the {@code masking}
 * section of the policy set, per-column decisions for query gateways, and the rewrite of a query so
 * every masked column is replaced where it is read.
 */
package io.custodian.masking;
