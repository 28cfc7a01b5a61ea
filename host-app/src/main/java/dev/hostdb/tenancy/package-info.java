/**
 * Tenants through their life (create, suspend, resume, rename, change plan, delete), their members,
 * pricing plans and features, and billing state from the provider's events: each change with its
 * audit entry in one transaction.
 */
package dev.hostdb.tenancy;
