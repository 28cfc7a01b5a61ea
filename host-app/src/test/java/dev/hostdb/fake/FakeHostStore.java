package dev.hostdb.fake;

import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.JobStatus;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.PricingPlan;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.SystemJob;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.error.DuplicateEmailException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.port.AuditLog;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.JobQueue;
import dev.hostdb.domain.port.MembershipRepository;
import dev.hostdb.domain.port.PricingPlanRepository;
import dev.hostdb.domain.port.SubscriptionRepository;
import dev.hostdb.domain.port.TenantCatalog;
import dev.hostdb.domain.port.Transactions;
import dev.hostdb.domain.port.UserRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Maps instead of tables: enough behaviour for the facade and the command line, no constraints
 * beyond unique emails, and transactions that only serialise (nothing rolls back).
 */
final class FakeHostStore implements HostStore {
  /** The rows of one fake database. */
  static final class Data {
    final Map<Id, User> users = new LinkedHashMap<>();
    final Map<Id, Tenant> tenants = new LinkedHashMap<>();
    final Map<Id, Membership> memberships = new LinkedHashMap<>();
    final Map<Id, Subscription> subscriptions = new LinkedHashMap<>();
    final Map<String, PricingPlan> plans = new LinkedHashMap<>();
    final List<AuditEntry> audit = new ArrayList<>();
    final Map<Id, SystemJob> jobs = new LinkedHashMap<>();
  }

  private final DatabaseUrl url;
  private final Data data;
  private final AtomicInteger openStores;
  private boolean closed;

  FakeHostStore(DatabaseUrl url, Data data, AtomicInteger openStores) {
    this.url = url;
    this.data = data;
    this.openStores = openStores;
  }

  @Override
  public UserRepository users() {
    return new UserRepository() {
      @Override
      public User create(User user) {
        synchronized (data) {
          if (findByEmail(user.email()).isPresent()) {
            throw new DuplicateEmailException("create user", user.email().value());
          }
          data.users.put(user.id(), user);
          return user;
        }
      }

      @Override
      public Optional<User> findById(Id id) {
        synchronized (data) {
          return Optional.ofNullable(data.users.get(id));
        }
      }

      @Override
      public Optional<User> findByEmail(Email email) {
        synchronized (data) {
          return data.users.values().stream().filter(u -> u.email().equals(email)).findFirst();
        }
      }

      @Override
      public Optional<User> findByOauthId(String oauthId) {
        synchronized (data) {
          return data.users.values().stream().filter(u -> oauthId.equals(u.oauthId())).findFirst();
        }
      }

      @Override
      public User update(User user) {
        synchronized (data) {
          require(data.users, user.id(), "update user", "user");
          data.users.put(user.id(), user);
          return user;
        }
      }

      @Override
      public void recordLogin(Id userId, Instant at) {
        synchronized (data) {
          User u = require(data.users, userId, "record login", "user");
          data.users.put(
              userId,
              new User(
                  u.id(),
                  u.email(),
                  u.oauthId(),
                  u.passwordHash(),
                  u.stripeCustomerId(),
                  u.sysAdmin(),
                  u.active(),
                  u.createdAt(),
                  at));
        }
      }

      @Override
      public long count() {
        synchronized (data) {
          return data.users.size();
        }
      }
    };
  }

  @Override
  public TenantCatalog tenants() {
    return new TenantCatalog() {
      @Override
      public Tenant create(Tenant tenant) {
        synchronized (data) {
          data.tenants.put(tenant.id(), tenant);
          return tenant;
        }
      }

      @Override
      public Optional<Tenant> findById(Id id) {
        synchronized (data) {
          return Optional.ofNullable(data.tenants.get(id));
        }
      }

      @Override
      public Tenant update(Tenant tenant) {
        synchronized (data) {
          require(data.tenants, tenant.id(), "update tenant", "tenant");
          data.tenants.put(tenant.id(), tenant);
          return tenant;
        }
      }

      @Override
      public List<Tenant> list() {
        synchronized (data) {
          return data.tenants.values().stream().sorted(Comparator.comparing(Tenant::name)).toList();
        }
      }

      @Override
      public long count() {
        synchronized (data) {
          return data.tenants.size();
        }
      }
    };
  }

  @Override
  public MembershipRepository memberships() {
    return new MembershipRepository() {
      @Override
      public Membership create(Membership membership) {
        synchronized (data) {
          require(data.users, membership.userId(), "add membership", "user");
          require(data.tenants, membership.tenantId(), "add membership", "tenant");
          data.memberships.put(membership.id(), membership);
          return membership;
        }
      }

      @Override
      public Optional<Membership> findById(Id id) {
        synchronized (data) {
          return Optional.ofNullable(data.memberships.get(id));
        }
      }

      @Override
      public Optional<Membership> find(Id userId, Id tenantId) {
        synchronized (data) {
          return data.memberships.values().stream()
              .filter(m -> m.userId().equals(userId) && m.tenantId().equals(tenantId))
              .findFirst();
        }
      }

      @Override
      public List<Membership> listByTenant(Id tenantId) {
        synchronized (data) {
          return data.memberships.values().stream()
              .filter(m -> m.tenantId().equals(tenantId))
              .toList();
        }
      }

      @Override
      public List<Membership> listByUser(Id userId) {
        synchronized (data) {
          return data.memberships.values().stream().filter(m -> m.userId().equals(userId)).toList();
        }
      }

      @Override
      public Membership update(Membership membership) {
        synchronized (data) {
          require(data.memberships, membership.id(), "update membership", "membership");
          data.memberships.put(membership.id(), membership);
          return membership;
        }
      }

      @Override
      public void delete(Id membershipId) {
        synchronized (data) {
          require(data.memberships, membershipId, "remove membership", "membership");
          data.memberships.remove(membershipId);
        }
      }

      @Override
      public long count() {
        synchronized (data) {
          return data.memberships.size();
        }
      }
    };
  }

  @Override
  public SubscriptionRepository subscriptions() {
    return new SubscriptionRepository() {
      @Override
      public Subscription create(Subscription subscription) {
        synchronized (data) {
          require(data.tenants, subscription.tenantId(), "add subscription", "tenant");
          data.subscriptions.put(subscription.id(), subscription);
          return subscription;
        }
      }

      @Override
      public Optional<Subscription> findById(Id id) {
        synchronized (data) {
          return Optional.ofNullable(data.subscriptions.get(id));
        }
      }

      @Override
      public List<Subscription> listByTenant(Id tenantId) {
        synchronized (data) {
          List<Subscription> found = new ArrayList<>();
          data.subscriptions.values().stream()
              .filter(s -> s.tenantId().equals(tenantId))
              .forEach(s -> found.add(0, s));
          return found;
        }
      }

      @Override
      public long count() {
        synchronized (data) {
          return data.subscriptions.size();
        }
      }
    };
  }

  @Override
  public PricingPlanRepository pricingPlans() {
    return new PricingPlanRepository() {
      @Override
      public PricingPlan upsert(PricingPlan plan) {
        synchronized (data) {
          data.plans.put(plan.id(), plan);
          return plan;
        }
      }

      @Override
      public Optional<PricingPlan> findById(String id) {
        synchronized (data) {
          return Optional.ofNullable(data.plans.get(id));
        }
      }

      @Override
      public List<PricingPlan> listActive() {
        synchronized (data) {
          return data.plans.values().stream()
              .filter(PricingPlan::active)
              .sorted(Comparator.comparing(PricingPlan::sortOrder).thenComparing(PricingPlan::id))
              .toList();
        }
      }

      @Override
      public long count() {
        synchronized (data) {
          return data.plans.size();
        }
      }
    };
  }

  @Override
  public AuditLog auditLog() {
    return new AuditLog() {
      @Override
      public AuditEntry append(AuditEntry entry) {
        synchronized (data) {
          data.audit.add(entry);
          return entry;
        }
      }

      @Override
      public List<AuditEntry> recent(int limit) {
        synchronized (data) {
          List<AuditEntry> newestFirst = new ArrayList<>(data.audit);
          java.util.Collections.reverse(newestFirst);
          return newestFirst.stream().limit(limit).toList();
        }
      }

      @Override
      public List<AuditEntry> forTarget(String targetId, int limit) {
        return recent(Integer.MAX_VALUE).stream()
            .filter(e -> targetId.equals(e.targetId()))
            .limit(limit)
            .toList();
      }

      @Override
      public long count() {
        synchronized (data) {
          return data.audit.size();
        }
      }
    };
  }

  @Override
  public JobQueue jobs() {
    return new JobQueue() {
      @Override
      public SystemJob enqueue(SystemJob job) {
        synchronized (data) {
          data.jobs.put(job.id(), job);
          return job;
        }
      }

      @Override
      public Optional<SystemJob> find(Id id) {
        synchronized (data) {
          return Optional.ofNullable(data.jobs.get(id));
        }
      }

      @Override
      public List<SystemJob> list(JobStatus status, int limit) {
        synchronized (data) {
          return data.jobs.values().stream()
              .filter(j -> j.status() == status)
              .limit(limit)
              .toList();
        }
      }

      @Override
      public long count() {
        synchronized (data) {
          return data.jobs.size();
        }
      }
    };
  }

  @Override
  public Transactions transactions() {
    return new Transactions() {
      @Override
      public <T> T inTransaction(Supplier<T> work) {
        synchronized (data) {
          return work.get();
        }
      }
    };
  }

  @Override
  public DatabaseUrl url() {
    return url;
  }

  @Override
  public String schemaVersion() {
    return "fake-1";
  }

  @Override
  public Map<String, Long> rowCounts() {
    synchronized (data) {
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("core_users", (long) data.users.size());
      counts.put("core_tenants", (long) data.tenants.size());
      counts.put("core_memberships", (long) data.memberships.size());
      counts.put("core_subscriptions", (long) data.subscriptions.size());
      counts.put("core_pricing_plans", (long) data.plans.size());
      counts.put("sys_audit_logs", (long) data.audit.size());
      counts.put("sys_jobs", (long) data.jobs.size());
      return counts;
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      openStores.decrementAndGet();
    }
  }

  private static <K, V> V require(Map<K, V> rows, K id, String operation, String record) {
    V row = rows.get(id);
    if (row == null) {
      throw new NotFoundException(operation, record, id);
    }
    return row;
  }
}
