/** Pools for the tenants' own databases: bounded, shared-thread, closed when idle or evicted. */
package dev.hostdb.jdbc.routing;
