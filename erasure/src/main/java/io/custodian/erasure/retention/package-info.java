/**
 * Retention purges: the {@code retention} policy section, a planner that makes a rule's run an
 * erasure plan (rows older than a cutoff, found by a time column), and runs on a schedule and on
 * demand through the plan executor, each leaving its plan, evidence and audit events.
 */
package io.custodian.erasure.retention;
