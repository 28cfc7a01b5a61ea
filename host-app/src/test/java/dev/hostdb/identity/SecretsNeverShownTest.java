package dev.hostdb.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hostdb.HostDatabase;
import dev.hostdb.domain.Email;
import dev.hostdb.domain.RequestContext;
import dev.hostdb.domain.User;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SecretsNeverShownTest {
  private static final String PASSWORD = "Tr0ub4dor&3-unique-marker";

  @TempDir Path dir;

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Level rootLevel;

  @BeforeEach
  void captureEveryLogLineDownToDebug() {
    // DEBUG, not TRACE: at TRACE Spring JDBC logs every bound parameter, a hash included
    rootLevel = root.getLevel();
    root.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void stopCapturing() {
    root.detachAppender(logs);
    root.setLevel(rootLevel);
  }

  @Test
  void neither_the_password_nor_its_hash_appears_in_any_rendering_message_or_log_line() {
    List<Object> rendered = new ArrayList<>();
    String hash;
    try (HostDatabase db = HostDatabase.create("sqlite:///" + dir.resolve("host.db"))) {
      Identity identity = db.identity();
      Email ann = Email.of("ann@example.com");
      RequestContext ctx = RequestContext.of(null, "203.0.113.7");

      User registered = identity.register(ann, "google|1", PASSWORD.toCharArray(), ctx);
      hash = registered.passwordHash();
      rendered.add(registered);
      rendered.add(identity.findByEmail(ann).orElseThrow());
      rendered.add(identity.login(ann, PASSWORD.toCharArray(), ctx));
      rendered.add(identity.login(ann, (PASSWORD + "x").toCharArray(), ctx));
      rendered.add(identity.loginWithOauth("google|1", ctx));
      rendered.add(identity.setPassword(registered.id(), PASSWORD.toCharArray(), ctx));
      rendered.add(identity.deactivate(registered.id(), ctx));
      rendered.add(identity.login(ann, PASSWORD.toCharArray(), ctx));
      rendered.add(catchThrowable(() -> identity.register(ann, null, PASSWORD.toCharArray(), ctx)));
      rendered.add(catchThrowable(() -> identity.setPassword(registered.id(), new char[0], ctx)));
      rendered.add(
          catchThrowable(
              () ->
                  identity.setPassword(
                      registered.id(), (PASSWORD + "!".repeat(1024)).toCharArray(), ctx)));
      rendered.addAll(db.auditLog().recent(100));
      rendered.add(identity);
      rendered.add(db);
      rendered.add(Argon2PasswordHasher.owaspMinimum());
    }

    assertThat(hash).isNotBlank();
    assertThat(rendered).hasSizeGreaterThan(20).doesNotContainNull();
    for (Object object : rendered) {
      String text = object instanceof Throwable e ? e.toString() : object.toString();
      assertThat(text).as("rendering of %s", object.getClass()).doesNotContain(PASSWORD, hash);
    }
    for (ILoggingEvent event : logs.list) {
      assertThat(event.getFormattedMessage()).doesNotContain(PASSWORD, hash);
    }
  }
}
