package dev.hostdb.access;

import dev.hostdb.domain.AccessFacts;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.TenantAccess;
import dev.hostdb.domain.User;
import dev.hostdb.domain.port.BulkImport;
import dev.hostdb.domain.port.MembershipRepository;
import dev.hostdb.domain.port.SubscriptionRepository;
import dev.hostdb.domain.port.TenantCatalog;
import dev.hostdb.domain.port.UserRepository;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The repositories whose writes can change an access answer, wrapped so that each write runs inside
 * an {@link AccessInvalidation#begin change} of what it touches: a user's creation or update (its
 * state, its system-administrator flag) the user; a tenant's creation or update the tenant; a
 * membership's creation, update or removal its user and tenant; a subscription's creation its
 * tenant; a bulk import every user and tenant in it. Reads pass through unchanged.
 *
 * <p>{@code HostDatabase} hands out only wrapped repositories, so every write through HostDB evicts
 * the answers it changes.
 */
public final class InvalidatingRepositories {
  private InvalidatingRepositories() {}

  /** {@code users} whose writes invalidate the user's answers. */
  public static UserRepository users(UserRepository users, AccessInvalidation invalidation) {
    return new Users(users, invalidation);
  }

  /** {@code tenants} whose writes invalidate the tenant's answers. */
  public static TenantCatalog tenants(TenantCatalog tenants, AccessInvalidation invalidation) {
    return new Tenants(tenants, invalidation);
  }

  /** {@code memberships} whose writes invalidate the answers of the member and the tenant. */
  public static MembershipRepository memberships(
      MembershipRepository memberships, AccessInvalidation invalidation) {
    return new Memberships(memberships, invalidation);
  }

  /** {@code subscriptions} whose writes invalidate the tenant's answers. */
  public static SubscriptionRepository subscriptions(
      SubscriptionRepository subscriptions, AccessInvalidation invalidation) {
    return new Subscriptions(subscriptions, invalidation);
  }

  /** {@code bulk} whose imports invalidate the answers of every user and tenant imported. */
  public static BulkImport bulk(BulkImport bulk, AccessInvalidation invalidation) {
    return new Bulk(bulk, invalidation);
  }

  private static <T> T within(
      AccessInvalidation invalidation, AccessScope scope, Supplier<T> write) {
    AccessInvalidation.Change change = invalidation.begin(scope);
    try {
      return write.get();
    } finally {
      change.close();
    }
  }

  private record Users(UserRepository users, AccessInvalidation invalidation)
      implements UserRepository {
    @Override
    public User create(User user) {
      return within(invalidation, AccessScope.user(user.id()), () -> users.create(user));
    }

    @Override
    public Optional<User> findById(Id id) {
      return users.findById(id);
    }

    @Override
    public Optional<User> findByEmail(Email email) {
      return users.findByEmail(email);
    }

    @Override
    public Optional<User> findByOauthId(String oauthId) {
      return users.findByOauthId(oauthId);
    }

    @Override
    public User update(User user) {
      return within(invalidation, AccessScope.user(user.id()), () -> users.update(user));
    }

    // the last sign-in decides no access
    @Override
    public void recordLogin(Id userId, Instant at) {
      users.recordLogin(userId, at);
    }

    @Override
    public long count() {
      return users.count();
    }
  }

  private record Tenants(TenantCatalog tenants, AccessInvalidation invalidation)
      implements TenantCatalog {
    @Override
    public Tenant create(Tenant tenant) {
      return within(invalidation, AccessScope.tenant(tenant.id()), () -> tenants.create(tenant));
    }

    @Override
    public Optional<Tenant> findById(Id id) {
      return tenants.findById(id);
    }

    @Override
    public Tenant update(Tenant tenant) {
      return within(invalidation, AccessScope.tenant(tenant.id()), () -> tenants.update(tenant));
    }

    @Override
    public List<Tenant> list() {
      return tenants.list();
    }

    @Override
    public void markDeleted(Id tenantId, Instant at) {
      within(
          invalidation,
          AccessScope.tenant(tenantId),
          () -> {
            tenants.markDeleted(tenantId, at);
            return null;
          });
    }

    @Override
    public Optional<Instant> deletedAt(Id tenantId) {
      return tenants.deletedAt(tenantId);
    }

    // decides no access today, yet a tenant's database state is the tenant's: its route is
    // retired with the rest, so that no pool outlives a dropped database
    @Override
    public boolean markProvisioned(Id tenantId, Instant at) {
      return within(
          invalidation, AccessScope.tenant(tenantId), () -> tenants.markProvisioned(tenantId, at));
    }

    @Override
    public Optional<Instant> provisionedAt(Id tenantId) {
      return tenants.provisionedAt(tenantId);
    }

    @Override
    public boolean markPurged(Id tenantId, Instant at) {
      return within(
          invalidation, AccessScope.tenant(tenantId), () -> tenants.markPurged(tenantId, at));
    }

    @Override
    public Optional<Instant> purgedAt(Id tenantId) {
      return tenants.purgedAt(tenantId);
    }

    @Override
    public long count() {
      return tenants.count();
    }
  }

  private record Memberships(MembershipRepository memberships, AccessInvalidation invalidation)
      implements MembershipRepository {
    @Override
    public Membership create(Membership membership) {
      return within(invalidation, scopeOf(membership), () -> memberships.create(membership));
    }

    @Override
    public Optional<Membership> findById(Id id) {
      return memberships.findById(id);
    }

    @Override
    public Optional<Membership> find(Id userId, Id tenantId) {
      return memberships.find(userId, tenantId);
    }

    @Override
    public List<Membership> listByTenant(Id tenantId) {
      return memberships.listByTenant(tenantId);
    }

    @Override
    public List<Membership> listByUser(Id userId) {
      return memberships.listByUser(userId);
    }

    @Override
    public List<TenantAccess> enterableTenants(Id userId) {
      return memberships.enterableTenants(userId);
    }

    @Override
    public AccessFacts accessFacts(Id userId, Id tenantId) {
      return memberships.accessFacts(userId, tenantId);
    }

    // a membership's user and tenant never change (the update refuses it), so the given ones are
    // the stored ones
    @Override
    public Membership update(Membership membership) {
      return within(invalidation, scopeOf(membership), () -> memberships.update(membership));
    }

    @Override
    public void delete(Id membershipId) {
      Optional<Membership> stored = memberships.findById(membershipId);
      if (stored.isEmpty()) {
        memberships.delete(membershipId); // throws the adapter's own not-found error
        return;
      }
      within(
          invalidation,
          scopeOf(stored.get()),
          () -> {
            memberships.delete(membershipId);
            return null;
          });
    }

    @Override
    public long count() {
      return memberships.count();
    }

    private static AccessScope scopeOf(Membership membership) {
      return AccessScope.membership(membership.userId(), membership.tenantId());
    }
  }

  private record Subscriptions(
      SubscriptionRepository subscriptions, AccessInvalidation invalidation)
      implements SubscriptionRepository {
    @Override
    public Subscription create(Subscription subscription) {
      return within(
          invalidation,
          AccessScope.tenant(subscription.tenantId()),
          () -> subscriptions.create(subscription));
    }

    @Override
    public Optional<Subscription> findById(Id id) {
      return subscriptions.findById(id);
    }

    @Override
    public List<Subscription> listByTenant(Id tenantId) {
      return subscriptions.listByTenant(tenantId);
    }

    @Override
    public Optional<Subscription> findByStripeId(String stripeSubscriptionId) {
      return subscriptions.findByStripeId(stripeSubscriptionId);
    }

    @Override
    public boolean upsertFromProvider(Subscription subscription, Instant eventAt) {
      return within(
          invalidation,
          AccessScope.tenant(subscription.tenantId()),
          () -> subscriptions.upsertFromProvider(subscription, eventAt));
    }

    @Override
    public boolean recordProviderEvent(
        String eventId, String stripeSubscriptionId, Instant receivedAt) {
      return subscriptions.recordProviderEvent(eventId, stripeSubscriptionId, receivedAt);
    }

    @Override
    public long count() {
      return subscriptions.count();
    }
  }

  private record Bulk(BulkImport bulk, AccessInvalidation invalidation) implements BulkImport {
    @Override
    public Counts insertAll(List<User> users, List<Tenant> tenants, List<Membership> memberships) {
      if (users == null || tenants == null || memberships == null) {
        return bulk.insertAll(users, tenants, memberships); // refused there, with its own message
      }
      Set<Id> userIds = new HashSet<>();
      Set<Id> tenantIds = new HashSet<>();
      users.stream().filter(Objects::nonNull).forEach(user -> userIds.add(user.id()));
      tenants.stream().filter(Objects::nonNull).forEach(tenant -> tenantIds.add(tenant.id()));
      memberships.stream()
          .filter(Objects::nonNull)
          .forEach(
              membership -> {
                userIds.add(membership.userId());
                tenantIds.add(membership.tenantId());
              });
      return within(
          invalidation,
          new AccessScope(userIds, tenantIds),
          () -> bulk.insertAll(users, tenants, memberships));
    }
  }
}
