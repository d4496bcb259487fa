/**
 * The gateway query rewrite: {@link io.custodian.masking.rewrite.QueryRewriter} replaces every base
 * table a query reads by a subquery of its columns, masked as {@link
 * io.custodian.masking.rewrite.TableMasks} says, splicing the original text so dialect syntax
 * survives; anything it cannot prove rewritten is refused.
 */
package io.custodian.masking.rewrite;
