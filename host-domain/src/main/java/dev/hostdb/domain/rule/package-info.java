/** Domain rules as plain code: access, entitlement, and the last owner of a tenant. */
package dev.hostdb.domain.rule;
