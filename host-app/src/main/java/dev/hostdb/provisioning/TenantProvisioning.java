package dev.hostdb.provisioning;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Json;
import dev.hostdb.domain.RequestContext;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.jdbc.schema.MigrationResult;
import dev.hostdb.jdbc.tenantdb.TenantDatabases;
import dev.hostdb.jobs.JobRunner;
import dev.hostdb.jobs.RunLaterException;
import dev.hostdb.tenancy.Tenancy;
import dev.hostdb.tenancy.TenancyPorts;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's own database ({@code core_tenants.db_url}) through its life: {@link #provision}
 * creates it and runs the application's tenant changelog on it, {@link #purge} drops it once the
 * tenant has been deleted for the retention period. These are the work of the {@code
 * tenant.provision} and {@code tenant.purge} jobs; {@link #tenantIdOf(String)} reads their payload.
 *
 * <p>Both may be called any number of times, also after the process died halfway through: each step
 * is skipped or finished when it was already done (the database exists, changesets ran, the file is
 * gone), and the last step, the catalog's mark with its audit entry ({@code tenant.provisioned},
 * {@code tenant.purged}, by {@link Id#SYSTEM}), is one host-database transaction that takes effect
 * exactly once ({@link dev.hostdb.domain.port.TenantCatalog#markProvisioned}).
 *
 * <p>PostgreSQL databases are created and dropped on the tenant URL's server, as its user, from the
 * maintenance database of {@link ProvisioningSettings}; the database name must be a plain
 * lower-case identifier ({@link TenantDatabases#POSTGRES_NAME}). SQLite databases are the URL's
 * file. A tenant whose URL names the host database itself is refused.
 *
 * <p><b>NOTE:</b> routing ({@link dev.hostdb.jdbc.routing.TenantDataSources}) does not wait for
 * provisioning: an active tenant routes to its URL whether or not its database exists yet.
 */
public final class TenantProvisioning {
  /** The audit event of a finished provisioning. */
  public static final String PROVISIONED_EVENT = "tenant.provisioned";

  /** The audit event of a finished purge. */
  public static final String PURGED_EVENT = "tenant.purged";

  private static final Logger LOG = LoggerFactory.getLogger(TenantProvisioning.class);
  private static final Pattern PAYLOAD =
      Pattern.compile("\\s*\\{\\s*\"tenant_id\"\\s*:\\s*\"([0-9a-fA-F]{32})\"\\s*}\\s*");

  private final TenancyPorts ports;
  private final DatabaseUrl hostUrl;
  private final Consumer<Id> retireRoutes;
  private final ProvisioningSettings settings;

  /**
   * The service over the host database's ports; {@link
   * dev.hostdb.HostDatabase#provisioning(ProvisioningSettings)} gives one.
   *
   * @param ports the host database's ports, clock and id source
   * @param hostUrl the host database, which no tenant's URL may name
   * @param retireRoutes closes the routing pools of a tenant before its database is dropped
   * @param settings the tenant changelog, retention period and maintenance database
   */
  public TenantProvisioning(
      TenancyPorts ports,
      DatabaseUrl hostUrl,
      Consumer<Id> retireRoutes,
      ProvisioningSettings settings) {
    this.ports = Objects.requireNonNull(ports, "ports");
    this.hostUrl = Objects.requireNonNull(hostUrl, "hostUrl");
    this.retireRoutes = Objects.requireNonNull(retireRoutes, "retireRoutes");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Registers the handlers of the tenant jobs on {@code runner}: {@value Tenancy#PROVISION_JOB}
   * provisions the tenant its payload names (a tenant deleted or gone in the meantime needs
   * nothing), and {@value Tenancy#PURGE_JOB} purges it; a purge job that comes before the end of
   * the retention period waits until then without using an attempt. A payload that names no tenant
   * fails its job at once.
   *
   * @return the runner, to register more handlers on or start
   */
  public JobRunner registerHandlers(JobRunner runner) {
    if (runner == null) {
      throw new InvalidInputException("runner", "a job runner is required");
    }
    runner.register(Tenancy.PROVISION_JOB, context -> provisionJob(tenantIdOf(context.payload())));
    runner.register(Tenancy.PURGE_JOB, context -> purgeJob(tenantIdOf(context.payload())));
    return runner;
  }

  private void provisionJob(Id tenantId) {
    if (ports.tenants().findById(tenantId).isEmpty()) {
      LOG.info("Tenant {} does not exist; there is nothing to provision", tenantId);
    } else if (ports.tenants().deletedAt(tenantId).isPresent()) {
      LOG.info("Tenant {} was deleted; there is nothing to provision", tenantId);
    } else {
      provision(tenantId);
    }
  }

  private void purgeJob(Id tenantId) {
    try {
      purge(tenantId);
    } catch (NotPurgeableYetException e) {
      throw new RunLaterException(e.purgeableAt(), "the retention period of " + tenantId);
    }
  }

  /**
   * Reads the tenant id from a job payload, {@code {"tenant_id":"<32 hex digits>"}}, as {@link
   * dev.hostdb.tenancy.Tenancy#delete} writes it.
   *
   * @throws InvalidInputException naming the payload when it is anything else
   */
  public static Id tenantIdOf(String payload) {
    Matcher matcher = payload == null ? null : PAYLOAD.matcher(payload);
    if (matcher == null || !matcher.matches()) {
      throw new InvalidInputException(
          "payload", "expected {\"tenant_id\":\"<32 hex digits>\"} and nothing else");
    }
    return Id.of(matcher.group(1));
  }

  /**
   * Creates the tenant's database if it does not exist, applies the changesets of the tenant
   * changelog that have not run on it, then marks the tenant provisioned with a {@code
   * tenant.provisioned} audit entry, in one transaction. A tenant already marked is left alone.
   *
   * @return {@link ProvisioningOutcome#PROVISIONED} when this call marked the tenant, else {@link
   *     ProvisioningOutcome#ALREADY_PROVISIONED}
   * @throws NotFoundException when no tenant has the id
   * @throws ConflictException when the tenant was deleted, or its URL names the host database
   * @throws InvalidInputException when no tenant changelog is set or found, or the tenant's
   *     database name is not accepted; nothing is created
   * @throws dev.hostdb.domain.error.StorageUnavailableException when the database cannot be created
   *     or a changeset fails; calling again resumes
   */
  public ProvisioningOutcome provision(Id tenantId) {
    TenancyPorts.requireId("tenant_id", tenantId);
    String operation = "provision tenant " + tenantId;
    String changelog = settings.tenantChangelog();
    if (changelog == null) {
      throw new InvalidInputException("tenant changelog", "is required to provision a tenant");
    }
    ClassLoader resources = resources();
    if (resources.getResource(changelog) == null) {
      throw new InvalidInputException(
          "tenant changelog", "no classpath resource " + changelog + "; " + operation);
    }

    Tenant tenant = ports.tenant(operation, tenantId);
    ports.requireNotDeleted(operation, tenantId);
    if (ports.tenants().provisionedAt(tenantId).isPresent()) {
      return ProvisioningOutcome.ALREADY_PROVISIONED;
    }
    DatabaseUrl url = tenantDatabase(operation, tenant);

    TenantDatabases.create(url, settings.maintenanceDatabase());
    MigrationResult migrated = TenantDatabases.migrate(url, changelog, resources);

    boolean marked =
        ports
            .transactions()
            .inTransaction(
                () -> {
                  ports.requireNotDeleted(operation, tenantId);
                  boolean first = ports.tenants().markProvisioned(tenantId, ports.now());
                  if (first) {
                    ports.audit(
                        RequestContext.system(),
                        PROVISIONED_EVENT,
                        tenantId,
                        Json.object(
                            "changelog", changelog, "schema_version", migrated.toVersion()));
                  }
                  return first;
                });
    if (!marked) {
      return ProvisioningOutcome.ALREADY_PROVISIONED;
    }
    LOG.info("Provisioned tenant {} at {}", tenantId, url.masked());
    return ProvisioningOutcome.PROVISIONED;
  }

  /**
   * Drops the database of a deleted tenant whose retention period has passed, after retiring its
   * routing pools, then marks the tenant purged with a {@code tenant.purged} audit entry, in one
   * transaction. The tenant's row stays. A tenant already marked is left alone.
   *
   * @return {@link ProvisioningOutcome#PURGED} when this call marked the tenant, else {@link
   *     ProvisioningOutcome#ALREADY_PURGED}
   * @throws NotFoundException when no tenant has the id
   * @throws ConflictException when the tenant is not deleted, its URL names the host database, or
   *     another tenant that is not purged has the same database
   * @throws NotPurgeableYetException when the retention period has not passed, with the time it
   *     does
   * @throws InvalidInputException when the tenant's database name is not accepted; nothing is
   *     dropped
   * @throws dev.hostdb.domain.error.StorageUnavailableException when the database cannot be
   *     dropped; calling again resumes
   */
  public ProvisioningOutcome purge(Id tenantId) {
    TenancyPorts.requireId("tenant_id", tenantId);
    String operation = "purge tenant " + tenantId;
    Tenant tenant = ports.tenant(operation, tenantId);
    Instant deletedAt =
        ports
            .tenants()
            .deletedAt(tenantId)
            .orElseThrow(
                () ->
                    new ConflictException(
                        operation
                            + ": the tenant is not deleted; only a deleted tenant is purged"));
    if (ports.tenants().purgedAt(tenantId).isPresent()) {
      return ProvisioningOutcome.ALREADY_PURGED;
    }
    Instant purgeableAt = deletedAt.plus(settings.purgeRetention());
    if (ports.now().isBefore(purgeableAt)) {
      throw new NotPurgeableYetException(tenantId, deletedAt, purgeableAt);
    }
    DatabaseUrl url = tenantDatabase(operation, tenant);
    requireNotShared(operation, tenant);

    retireRoutes.accept(tenantId);
    TenantDatabases.drop(url, settings.maintenanceDatabase());

    boolean marked =
        ports
            .transactions()
            .inTransaction(
                () -> {
                  boolean first = ports.tenants().markPurged(tenantId, ports.now());
                  if (first) {
                    ports.audit(
                        RequestContext.system(),
                        PURGED_EVENT,
                        tenantId,
                        Json.object("deleted_at", deletedAt.toString()));
                  }
                  return first;
                });
    if (!marked) {
      return ProvisioningOutcome.ALREADY_PURGED;
    }
    LOG.info("Purged the database of tenant {} at {}", tenantId, url.masked());
    return ProvisioningOutcome.PURGED;
  }

  /** When the tenant was provisioned; empty when it was not, or for no such tenant. */
  public Optional<Instant> provisionedAt(Id tenantId) {
    return ports.tenants().provisionedAt(TenancyPorts.requireId("tenant_id", tenantId));
  }

  /** When the tenant's database was purged; empty when it was not, or for no such tenant. */
  public Optional<Instant> purgedAt(Id tenantId) {
    return ports.tenants().purgedAt(TenancyPorts.requireId("tenant_id", tenantId));
  }

  /** The settings this service runs with. */
  public ProvisioningSettings settings() {
    return settings;
  }

  /**
   * The tenant's database URL, checked: an accepted name, and not the host database, which a
   * provisioning would mix a tenant changelog into and a purge would drop.
   */
  private DatabaseUrl tenantDatabase(String operation, Tenant tenant) {
    DatabaseUrl url = tenant.dbUrl();
    String location = TenantDatabases.location(url);
    if (url.kind().equals(hostUrl.kind()) && location.equals(hostLocation())) {
      throw new ConflictException(
          operation + ": its database URL " + url.masked() + " names the host database");
    }
    return url;
  }

  /**
   * Refuses to drop a database that another tenant, not purged, still names: dropping it would take
   * that tenant's data too. Reads the whole catalog, which a purge, run rarely, can afford.
   */
  private void requireNotShared(String operation, Tenant tenant) {
    String location = TenantDatabases.location(tenant.dbUrl());
    for (Tenant other : ports.tenants().list()) {
      if (!other.id().equals(tenant.id())
          && other.dbUrl().kind().equals(tenant.dbUrl().kind())
          && sameLocation(other.dbUrl(), location)
          && ports.tenants().purgedAt(other.id()).isEmpty()) {
        throw new ConflictException(
            operation
                + ": its database "
                + tenant.dbUrl().masked()
                + " is also the database of tenant "
                + other.id()
                + "; nothing was dropped");
      }
    }
  }

  private static boolean sameLocation(DatabaseUrl url, String location) {
    try {
      return TenantDatabases.location(url).equals(location);
    } catch (InvalidInputException e) {
      return false; // a URL that is not accepted names no database that could be dropped
    }
  }

  private String hostLocation() {
    try {
      return TenantDatabases.location(hostUrl);
    } catch (InvalidInputException e) {
      return ""; // a host database name no tenant database may have cannot be a tenant's
    }
  }

  private static ClassLoader resources() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : TenantProvisioning.class.getClassLoader();
  }
}
