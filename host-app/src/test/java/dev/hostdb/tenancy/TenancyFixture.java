package dev.hostdb.tenancy;

import dev.hostdb.HostConfig;
import dev.hostdb.HostDatabase;
import dev.hostdb.access.AccessInvalidation;
import dev.hostdb.access.AccessScope;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.PricingPlan;
import dev.hostdb.domain.RequestContext;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.port.AuditLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh host database per test, with a fixed clock and a pro plan with a trial; each database
 * runs the tests through a subclass.
 */
abstract class TenancyFixture {
  static final Instant NOW = Instant.parse("2026-12-03T12:00:00.123456Z");
  static final DatabaseUrl ACME_DB = DatabaseUrl.parse("postgresql://app:s3cret@db1/acme");

  @TempDir Path tempDir;

  HostDatabase db;
  RequestContext admin;
  User ann;

  /** Every scope the access hook was told of, in order. */
  final List<AccessScope> invalidated = new CopyOnWriteArrayList<>();

  /**
   * Tells where this test's host database lives.
   *
   * @return the URL of an empty database of this test alone
   */
  abstract DatabaseUrl hostUrl();

  @BeforeEach
  final void openDatabase() {
    db =
        HostDatabase.create(
            HostConfig.of(hostUrl()),
            HostDatabase.Options.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
    ann = newUser("ann@example.com");
    admin = RequestContext.of(ann.id(), "203.0.113.7");
    db.plans().upsert(plan("pro", 2, 14, "[\"api\", \"exports\"]"), RequestContext.system());
  }

  @AfterEach
  final void closeDatabase() {
    db.close();
  }

  User newUser(String email) {
    return db.users().create(User.create(db.newId(), Email.of(email), db.now()));
  }

  Tenant newTenant(String name) {
    return db.tenancy().createTenant(name, ACME_DB, ann.id(), "pro", admin);
  }

  static PricingPlan plan(String id, int tierLevel, int trialDays, String features) {
    return new PricingPlan(
        id,
        id + " plan",
        null,
        null,
        null,
        null,
        null,
        "usd",
        trialDays,
        features,
        tierLevel,
        true,
        tierLevel,
        NOW);
  }

  /** The database's ports with the given audit log and a hook that records every scope. */
  TenancyPorts ports(AuditLog auditLog) {
    AccessInvalidation recording =
        scope -> {
          invalidated.add(scope);
          return () -> {};
        };
    return new TenancyPorts(
        db.users(),
        db.tenants(),
        db.memberships(),
        db.subscriptions(),
        db.pricingPlans(),
        auditLog,
        db.jobs(),
        db.transactions(),
        db.clock(),
        db.ids(),
        recording);
  }

  TenancyPorts recordingPorts() {
    return ports(db.auditLog());
  }

  List<String> auditedEvents(Id target) {
    return db.auditLog().forTarget(target.value(), 100).stream()
        .map(dev.hostdb.domain.AuditEntry::eventType)
        .toList();
  }
}
