package dev.hostdb.jdbc.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.hostdb.domain.ClaimedJob;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.JobLease;
import dev.hostdb.domain.SystemJob;
import dev.hostdb.domain.Tenant;
import dev.hostdb.domain.User;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.StoreSettings;
import dev.hostdb.jdbc.testing.PostgresDatabases;
import dev.hostdb.jdbc.testing.PostgresTestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A password in the URL reaches the driver and nothing else: no log line at any level, no exception
 * message, no {@code toString}. The test server trusts local connections, so it ignores the
 * password.
 */
class PostgresLoggingTest {
  @RegisterExtension static final PostgresDatabases DATABASES = new PostgresDatabases();

  private static final String PASSWORD = "Sup3r-s3cret-pw-9431";

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<Logger> loggers = new ArrayList<>();
  private final List<Level> levels = new ArrayList<>();

  @BeforeEach
  void captureEverything() {
    appender.start();
    for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "liquibase")) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      loggers.add(logger);
      levels.add(logger.getLevel());
      logger.setLevel(Level.TRACE);
    }
    loggers.get(0).addAppender(appender);
  }

  @AfterEach
  void restoreLevels() {
    loggers.get(0).detachAppender(appender);
    for (int i = 0; i < loggers.size(); i++) {
      loggers.get(i).setLevel(levels.get(i));
    }
  }

  @Test
  void never_logs_or_shows_the_password_of_the_url() {
    PostgresTestDatabase database = DATABASES.create();
    DatabaseUrl url = database.urlWithPassword(PASSWORD);
    PostgresHostStoreProvider provider = new PostgresHostStoreProvider();

    try (HostStore store = provider.open(url, StoreSettings.defaults())) {
      store.users().create(User.create(Id.random(), Email.of("a@example.com"), Instant.now()));
      store.users().count();
      assertThat(store.toString()).doesNotContain(PASSWORD).contains("***");
      assertThat(store.url().toString()).doesNotContain(PASSWORD);
    }
    assertThat(provider.toString()).doesNotContain(PASSWORD);

    assertThat(appender.list).isNotEmpty();
    assertThat(appender.list)
        .extracting(PostgresLoggingTest::everything)
        .noneMatch(text -> text.contains(PASSWORD));
    assertThat(appender.list).extracting(ILoggingEvent::getLevel).contains(Level.DEBUG, Level.INFO);
  }

  @Test
  void never_logs_a_password_hash_or_a_tenant_database_password_even_at_trace() {
    PostgresTestDatabase database = DATABASES.create();
    String hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$" + PASSWORD;
    DatabaseUrl tenantUrl = DatabaseUrl.parse("postgresql://app:" + PASSWORD + "@db1/tenant");

    try (HostStore store =
        new PostgresHostStoreProvider().open(database.url(), StoreSettings.defaults())) {
      User user = User.create(Id.random(), Email.of("a@example.com"), Instant.now());
      store
          .users()
          .create(
              new User(
                  user.id(), user.email(), null, hash, null, false, true, user.createdAt(), null));
      store.tenants().create(Tenant.create(Id.random(), "acme", tenantUrl, Instant.now()));
    }

    assertThat(appender.list).extracting(ILoggingEvent::getLevel).contains(Level.TRACE);
    assertThat(appender.list)
        .extracting(PostgresLoggingTest::everything)
        .noneMatch(text -> text.contains(PASSWORD));
  }

  @Test
  void never_logs_a_lease_token_even_at_trace() {
    PostgresTestDatabase database = DATABASES.create();
    List<String> tokens = new ArrayList<>();

    try (HostStore store =
        new PostgresHostStoreProvider().open(database.url(), StoreSettings.defaults())) {
      Instant now = Instant.now();
      for (int i = 0; i < 3; i++) {
        store.jobs().enqueue(SystemJob.pending(Id.random(), "tenant.provision", null, now));
      }
      List<ClaimedJob> claimed =
          store.jobs().claim("w1", List.of(), 3, now, Duration.ofSeconds(30));
      claimed.forEach(job -> tokens.add(job.lease().token()));
      JobLease first = claimed.get(0).lease();
      store.jobs().heartbeat(first, now, Duration.ofSeconds(60));
      store.jobs().complete(first, now);
      store.jobs().fail(claimed.get(1).lease(), "boom", now.plusSeconds(5), now);
      store.jobs().release(claimed.get(2).lease());
    }

    assertThat(tokens).hasSize(3).allSatisfy(token -> assertThat(token).isNotBlank());
    assertThat(appender.list).extracting(ILoggingEvent::getLevel).contains(Level.TRACE);
    assertThat(appender.list)
        .extracting(PostgresLoggingTest::everything)
        .noneMatch(text -> tokens.stream().anyMatch(text::contains));
  }

  @Test
  void never_shows_the_password_when_the_database_cannot_be_opened() {
    PostgresTestDatabase database = DATABASES.create();
    String missing = database.urlWithPassword(PASSWORD).reveal().replace(database.name(), "nope");

    assertThatThrownBy(
            () ->
                new PostgresHostStoreProvider()
                    .open(DatabaseUrl.parse(missing), new StoreSettings(2, Duration.ofSeconds(2))))
        .satisfies(error -> assertThat(messages(error)).doesNotContain(PASSWORD));
    assertThat(appender.list)
        .extracting(PostgresLoggingTest::everything)
        .noneMatch(text -> text.contains(PASSWORD));
  }

  private static String everything(ILoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append(' ').append(t.getMessage());
    }
    return text.toString();
  }

  private static String messages(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause()) {
      text.append(t).append(' ');
    }
    return text.toString();
  }
}
