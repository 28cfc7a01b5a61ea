/** Tenants' own databases: creating, migrating and dropping them where their URL points. */
package dev.hostdb.jdbc.tenantdb;
