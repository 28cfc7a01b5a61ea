package dev.hostdb.jdbc;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.error.StorageUnavailableException;
import dev.hostdb.domain.port.AuditLog;
import dev.hostdb.domain.port.BulkImport;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.JobQueue;
import dev.hostdb.domain.port.MembershipRepository;
import dev.hostdb.domain.port.PricingPlanRepository;
import dev.hostdb.domain.port.SubscriptionRepository;
import dev.hostdb.domain.port.TenantCatalog;
import dev.hostdb.domain.port.Transactions;
import dev.hostdb.domain.port.UserRepository;
import dev.hostdb.jdbc.schema.SchemaMigrator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repositories over one database, as an adapter assembles them: writes through {@code writer},
 * reads through {@code reader} (the same pool where the database has no separate readers).
 */
public final class JdbcHostStore implements HostStore {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcHostStore.class);

  private final DatabaseUrl url;
  private final Sql sql;
  private final AutoCloseable resources;
  private final UserRepository users;
  private final TenantCatalog tenants;
  private final MembershipRepository memberships;
  private final SubscriptionRepository subscriptions;
  private final PricingPlanRepository pricingPlans;
  private final AuditLog auditLog;
  private final JobQueue jobs;
  private final Transactions transactions;
  private final BulkImport bulk;

  /**
   * @param url where the database is
   * @param writer the connections that write, in transactions
   * @param reader the connections that read outside a transaction
   * @param dialect what differs on this database
   * @param resources closed by {@link #close()}: the pools behind {@code writer} and {@code reader}
   */
  public JdbcHostStore(
      DatabaseUrl url,
      DataSource writer,
      DataSource reader,
      Dialect dialect,
      AutoCloseable resources) {
    this.url = url;
    this.sql = new Sql(writer, reader, dialect);
    this.resources = resources;
    this.users = new JdbcUserRepository(sql);
    this.tenants = new JdbcTenantCatalog(sql);
    this.memberships = new JdbcMembershipRepository(sql);
    this.subscriptions = new JdbcSubscriptionRepository(sql);
    this.pricingPlans = new JdbcPricingPlanRepository(sql);
    this.auditLog = new JdbcAuditLog(sql);
    this.jobs = new JdbcJobQueue(sql);
    this.bulk = new JdbcBulkImport(sql);
    this.transactions =
        new Transactions() {
          @Override
          public <T> T inTransaction(Supplier<T> work) {
            return sql.inTransaction("transaction", work);
          }
        };
  }

  @Override
  public UserRepository users() {
    return users;
  }

  @Override
  public TenantCatalog tenants() {
    return tenants;
  }

  @Override
  public MembershipRepository memberships() {
    return memberships;
  }

  @Override
  public SubscriptionRepository subscriptions() {
    return subscriptions;
  }

  @Override
  public PricingPlanRepository pricingPlans() {
    return pricingPlans;
  }

  @Override
  public AuditLog auditLog() {
    return auditLog;
  }

  @Override
  public JobQueue jobs() {
    return jobs;
  }

  @Override
  public Transactions transactions() {
    return transactions;
  }

  @Override
  public BulkImport bulk() {
    return bulk;
  }

  @Override
  public DatabaseUrl url() {
    return url;
  }

  @Override
  public String schemaVersion() {
    return sql.readConnection("read schema version", SchemaMigrator::currentVersion);
  }

  @Override
  public Map<String, Long> rowCounts() {
    return sql.read(
        "count rows",
        db -> {
          Map<String, Long> counts = new LinkedHashMap<>();
          for (String table : TABLES) {
            counts.put(table, db.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
          }
          return counts;
        });
  }

  @Override
  public void close() {
    try {
      resources.close();
      LOG.info("Closed host database {}", url);
    } catch (Exception e) {
      throw new StorageUnavailableException("close host database " + url, e);
    }
  }

  @Override
  public String toString() {
    return "JdbcHostStore[" + url + "]";
  }
}
