/**
 * Tenants' own databases: provisioning a new tenant's database with the application's changelog,
 * and purging a deleted tenant's database after its retention period, each resumable and recorded
 * once in the audit trail.
 */
package dev.hostdb.provisioning;
