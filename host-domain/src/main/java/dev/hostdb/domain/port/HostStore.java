package dev.hostdb.domain.port;

import dev.hostdb.domain.DatabaseUrl;
import java.util.Map;

/**
 * An open host database: the ports over one connection pool, as a persistence adapter provides
 * them. Closing it releases every connection.
 */
public interface HostStore extends AutoCloseable {
  /** The tables of the host database, in the order the status report lists them. */
  java.util.List<String> TABLES =
      java.util.List.of(
          "core_users",
          "core_tenants",
          "core_memberships",
          "core_subscriptions",
          "core_pricing_plans",
          "sys_audit_logs",
          "sys_jobs");

  UserRepository users();

  TenantCatalog tenants();

  MembershipRepository memberships();

  SubscriptionRepository subscriptions();

  PricingPlanRepository pricingPlans();

  AuditLog auditLog();

  JobQueue jobs();

  Transactions transactions();

  /** Writes many users, tenants and memberships in one transaction. */
  BulkImport bulk();

  /** Where this store is; its password is masked in {@code toString}. */
  DatabaseUrl url();

  /** The id of the last schema change applied to the database. */
  String schemaVersion();

  /** The number of rows in each of {@link #TABLES}, in that order. */
  Map<String, Long> rowCounts();

  @Override
  void close();
}
