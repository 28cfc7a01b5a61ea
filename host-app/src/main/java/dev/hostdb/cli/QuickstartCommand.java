package dev.hostdb.cli;

import dev.hostdb.HostDatabase;
import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Membership;
import dev.hostdb.domain.PricingPlan;
import dev.hostdb.domain.Role;
import dev.hostdb.domain.Subscription;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.rule.AccessDecision;
import dev.hostdb.domain.rule.AccessPolicy;
import dev.hostdb.domain.rule.Entitlement;
import dev.hostdb.domain.rule.EntitlementPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hostdb quickstart}: the reference's quick start. Creates, in one transaction, a starter
 * plan, a founder, their tenant with them as owner, and a trial; running it again reuses them. Then
 * shows who may enter the tenant, whether it is entitled, and the audit trail.
 */
@Command(
    name = "quickstart",
    description = {
      "Create the quick-start records in one transaction: the plan 'starter', the user"
          + " founder@example.com, the tenant 'Example Co' with that user as owner, and a trial.",
      "Running it again reuses what exists. Then show access, entitlement and the audit trail."
    })
final class QuickstartCommand implements Runnable {
  static final String FOUNDER = "founder@example.com";
  static final String TENANT_NAME = "Example Co";
  static final String PLAN_ID = "starter";
  static final int TRIAL_DAYS = 14;
  private static final String DETAILS = "{\"source\":\"quickstart\"}";
  private static final int AUDIT_WINDOW = 20;

  @ParentCommand private HostDbCommand root;

  @Spec private CommandSpec spec;

  /** What the quick start found or created; {@code created} names what this run created. */
  record Records(
      User user,
      Tenant tenant,
      Membership membership,
      Subscription subscription,
      List<String> created) {}

  @Override
  public void run() {
    try (HostDatabase db = root.openDatabase()) {
      Records records = db.inTransaction(() -> createOrReuse(db));
      PrintWriter out = spec.commandLine().getOut();
      report(db, records, out);
      out.flush();
    }
  }

  static Records createOrReuse(HostDatabase db) {
    List<String> created = new ArrayList<>();
    PricingPlan plan = starterPlan(db);
    User user = founder(db, created);
    Tenant tenant = tenant(db, user, created);
    Membership membership = ownership(db, user, tenant, created);
    Subscription subscription = trial(db, tenant, plan, created);
    return new Records(user, tenant, membership, subscription, List.copyOf(created));
  }

  private static PricingPlan starterPlan(HostDatabase db) {
    return db.pricingPlans()
        .findById(PLAN_ID)
        .orElseGet(
            () ->
                db.pricingPlans()
                    .upsert(
                        new PricingPlan(
                            PLAN_ID,
                            "Starter",
                            "The quick start's plan",
                            null,
                            null,
                            null,
                            null,
                            "usd",
                            TRIAL_DAYS,
                            null,
                            1,
                            true,
                            0,
                            db.now())));
  }

  private static User founder(HostDatabase db, List<String> created) {
    Email email = Email.of(FOUNDER);
    Optional<User> existing = db.users().findByEmail(email);
    if (existing.isPresent()) {
      return existing.get();
    }
    User user = db.users().create(User.create(db.newId(), email, db.now()));
    audit(db, "user.created", user.id(), created, "user");
    return user;
  }

  private static Tenant tenant(HostDatabase db, User user, List<String> created) {
    for (Membership membership : db.memberships().listByUser(user.id())) {
      Optional<Tenant> tenant = db.tenants().findById(membership.tenantId());
      if (tenant.isPresent() && tenant.get().name().equals(TENANT_NAME)) {
        return tenant.get();
      }
    }
    Id id = db.newId();
    Tenant tenant =
        db.tenants().create(Tenant.create(id, TENANT_NAME, tenantUrl(db, id), db.now()));
    audit(db, "tenant.created", tenant.id(), created, "tenant");
    return tenant;
  }

  /**
   * Where the example tenant's own database would live: a SQLite file beside a SQLite host
   * database, otherwise {@code tenant_<id>.db} in the working directory. Only the catalog entry is
   * written; the quick start creates no tenant database.
   */
  private static DatabaseUrl tenantUrl(HostDatabase db, Id tenantId) {
    String file = "tenant_" + tenantId + ".db";
    String hostPath = db.config().url().sqlitePath();
    if (hostPath == null) {
      return DatabaseUrl.parse("sqlite:///" + file);
    }
    Path sibling = Path.of(hostPath).toAbsolutePath().resolveSibling(file);
    return DatabaseUrl.parse("sqlite:///" + sibling);
  }

  private static Membership ownership(
      HostDatabase db, User user, Tenant tenant, List<String> created) {
    Optional<Membership> existing = db.memberships().find(user.id(), tenant.id());
    if (existing.isPresent()) {
      return existing.get();
    }
    Membership membership =
        db.memberships()
            .create(Membership.create(db.newId(), user.id(), tenant.id(), Role.OWNER, db.now()));
    audit(db, "membership.created", membership.id(), created, "membership");
    return membership;
  }

  private static Subscription trial(
      HostDatabase db, Tenant tenant, PricingPlan plan, List<String> created) {
    List<Subscription> existing = db.subscriptions().listByTenant(tenant.id());
    if (!existing.isEmpty()) {
      return existing.get(0);
    }
    Instant now = db.now();
    Instant trialEnd = now.plus(Duration.ofDays(plan.trialDays()));
    Subscription subscription =
        db.subscriptions()
            .create(Subscription.trial(db.newId(), tenant.id(), plan.id(), trialEnd, now));
    audit(db, "subscription.created", subscription.id(), created, "subscription");
    return subscription;
  }

  private static void audit(
      HostDatabase db, String eventType, Id target, List<String> created, String record) {
    db.auditLog()
        .append(
            new AuditEntry(
                db.newId(), Id.SYSTEM, eventType, target.value(), DETAILS, null, db.now()));
    created.add(record);
  }

  private static void report(HostDatabase db, Records records, PrintWriter out) {
    User user = records.user();
    Tenant tenant = records.tenant();
    AccessDecision access = AccessPolicy.decide(user, tenant, records.membership());
    Entitlement entitlement =
        EntitlementPolicy.defaults()
            .evaluate(db.subscriptions().listByTenant(tenant.id()), db.now());

    line(out, "Database", db.uri());
    line(
        out,
        "Created",
        records.created().isEmpty()
            ? "nothing; reused the existing records"
            : String.join(", ", records.created()));
    line(out, "Access", accessLine(user, tenant, records.membership(), access));
    line(out, "Entitlement", tenant.name() + " is " + entitlement.describe());
    auditTrail(db, records, out);
  }

  private static String accessLine(
      User user, Tenant tenant, Membership membership, AccessDecision access) {
    String who = user.email() + (access.allowed() ? " may enter " : " may not enter ");
    Role role = access.role() == null ? membership.role() : access.role();
    String as = access.allowed() ? " as " + role.code() : "";
    return who + tenant.name() + as + ": " + access.reason().description();
  }

  private static void auditTrail(HostDatabase db, Records records, PrintWriter out) {
    Set<String> targets =
        Set.of(
            records.user().id().value(),
            records.tenant().id().value(),
            records.membership().id().value(),
            records.subscription().id().value());
    String label = "Audit";
    for (AuditEntry entry : db.auditLog().recent(AUDIT_WINDOW)) {
      if (entry.targetId() != null && targets.contains(entry.targetId())) {
        String when = entry.createdAt().truncatedTo(ChronoUnit.SECONDS).toString();
        line(
            out,
            label,
            String.format("%-20s  %-20s  %s", when, entry.eventType(), entry.targetId()));
        label = "";
      }
    }
  }

  private static void line(PrintWriter out, String label, String text) {
    out.printf("%-12s %s%n", label, text);
  }
}
