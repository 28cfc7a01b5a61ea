package dev.hostdb.benchmarks;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows for the benchmarks: users with distinct emails, tenants whose database URL carries
 * credentials as production ones do, and memberships that tie them together. Ids are random, as
 * HostDB's are, so inserts land all over each primary key index.
 */
final class Seed {
  private static final Instant CREATED = Instant.now().truncatedTo(ChronoUnit.MICROS);
  private static final Role[] ROLES = {Role.OWNER, Role.ADMIN, Role.MEMBER, Role.MEMBER};

  private Seed() {}

  /** {@code count} active users, {@code user<i>@example.com}. */
  static List<User> users(int count) {
    List<User> users = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      users.add(User.create(Id.random(), Email.of("user" + i + "@example.com"), CREATED));
    }
    return users;
  }

  /** {@code count} active tenants on the free tier, each with its own database URL. */
  static List<Tenant> tenants(int count) {
    List<Tenant> tenants = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      DatabaseUrl url =
          DatabaseUrl.parse("postgresql://tenant" + i + ":s3cret@tenant-db:5432/tenant_" + i);
      tenants.add(Tenant.create(Id.random(), "Tenant " + i, url, CREATED));
    }
    return tenants;
  }

  /**
   * {@code perUser} memberships for each user, in tenants spread over the list so that no tenant
   * gets the same user twice ({@code perUser} must not exceed the number of tenants).
   */
  static List<Membership> memberships(List<User> users, List<Tenant> tenants, int perUser) {
    List<Membership> memberships = new ArrayList<>(users.size() * perUser);
    int stride = Math.max(1, tenants.size() / perUser);
    for (int u = 0; u < users.size(); u++) {
      for (int k = 0; k < perUser; k++) {
        Tenant tenant = tenants.get((u + k * stride) % tenants.size());
        Role role = ROLES[(u + k) % ROLES.length];
        memberships.add(
            Membership.create(Id.random(), users.get(u).id(), tenant.id(), role, CREATED));
      }
    }
    return memberships;
  }
}
