package dev.hostdb.benchmarks;

import dev.hostdb.domain.Email;
import dev.hostdb.domain.User;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The login lookup: one user by email among {@value #USERS}, a random existing address each
 * operation.
 *
 * <p>{@code hostdb} calls {@code users().findByEmail}; {@code rawJdbc} prepares the same {@code
 * SELECT} on one plain driver connection (no pool), binds the normalised address, and maps the same
 * nine columns into a {@link User}. Both sides get the address already normalised, so neither pays
 * for {@link Email#of}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UserByEmail {
  /** Users seeded before the trial. */
  public static final int USERS = 10_000;

  private static final String SELECT =
      """
      SELECT id, email, oauth_id, password_hash, stripe_cust_id, is_sys_admin, is_active,
        created_at, last_login
      FROM core_users WHERE email_normalized = ?
      """;

  /** The database both sides run on. */
  @Param({BenchDatabase.SQLITE, BenchDatabase.POSTGRES})
  public String database;

  private BenchDatabase db;
  private Email[] emails;
  private final SplittableRandom random = new SplittableRandom(42);

  /** Creates the database and seeds the users. */
  @Setup(Level.Trial)
  public void open() throws Exception {
    db = BenchDatabase.open(database);
    List<User> users = Seed.users(USERS);
    db.hostDb().bulk().insertAll(users, List.of(), List.of());
    db.analyze();
    emails = users.stream().map(User::email).toArray(Email[]::new);
  }

  /** Drops the database. */
  @TearDown(Level.Trial)
  public void close() throws Exception {
    db.close();
  }

  private Email nextEmail() {
    return emails[random.nextInt(emails.length)];
  }

  /** Through the HostDB API. */
  @Benchmark
  public User hostdb() {
    return db.hostDb().users().findByEmail(nextEmail()).orElseThrow();
  }

  /** Hand-written JDBC, same statement, same mapping. */
  @Benchmark
  public User rawJdbc() throws SQLException {
    Email email = nextEmail();
    try (PreparedStatement statement = db.raw().prepareStatement(SELECT)) {
      statement.setString(1, email.value());
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no user " + email);
        }
        return RawRows.user(rs);
      }
    }
  }
}
