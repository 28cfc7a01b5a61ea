package dev.hostdb.jdbc.contract;

import dev.hostdb.domain.ClaimedJob;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Timestamps;
import dev.hostdb.domain.port.HostStore;
import dev.hostdb.domain.port.HostStoreProvider;
import dev.hostdb.domain.port.StoreSettings;
import dev.hostdb.jdbc.testing.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;

/**
 * A worker in a separate JVM that claims one job and then hangs in the middle of it, so that a test
 * can kill it the way the OOM killer does: SIGKILL, no shutdown hook, no {@code finally}.
 *
 * <p>The child reads the database URL from the environment variable {@value #URL_VARIABLE}, never
 * from its command line, opens the store through the provider for the URL's kind, claims one job as
 * {@value #OWNER} at the time given as its argument with a lease of {@link #LEASE}, prints {@value
 * #CLAIMED} with the job id and the lease's end (never the lease token), and waits for good.
 */
final class LeasingProcess implements AutoCloseable {
  /** The environment variable that passes the database URL to the child. */
  static final String URL_VARIABLE = "HOSTDB_LEASING_PROCESS_URL";

  /** The worker name the child claims as. */
  static final String OWNER = "doomed-worker";

  /** The lease the child takes. */
  static final Duration LEASE = Duration.ofSeconds(2);

  /** The line the child prints once it holds the job, followed by the job id and lease end. */
  static final String CLAIMED = "CLAIMED ";

  /** What the child claimed. */
  record Claim(Id jobId, Instant until) {}

  private final ChildJvm child;

  private LeasingProcess(ChildJvm child) {
    this.child = child;
  }

  /**
   * Runs in the child JVM.
   *
   * @param args the time of the claim, as {@link Instant#parse} reads it
   * @throws Exception when the store cannot be opened; the child then exits with a stack trace
   */
  public static void main(String[] args) throws Exception {
    DatabaseUrl url = DatabaseUrl.parse(System.getenv(URL_VARIABLE));
    HostStoreProvider provider =
        ServiceLoader.load(HostStoreProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.kind().equals(url.kind()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no provider for " + url.kind()));
    HostStore store = provider.open(url, StoreSettings.defaults());
    List<ClaimedJob> claimed =
        store.jobs().claim(OWNER, List.of(), 1, Instant.parse(args[0]), LEASE);
    if (claimed.size() != 1) {
      throw new IllegalStateException("expected one job to claim but got " + claimed.size());
    }
    ClaimedJob job = claimed.get(0);
    System.out.println(CLAIMED + job.job().id() + " " + Timestamps.format(job.lease().until()));
    System.out.flush();
    new CountDownLatch(1).await(); // a worker stuck in the middle of its job
  }

  /** Starts the child on the test class path; it claims one job at {@code at}. */
  static LeasingProcess start(DatabaseUrl url, Instant at) throws IOException {
    return new LeasingProcess(
        ChildJvm.start(
            "The leasing process",
            LeasingProcess.class,
            Map.of(URL_VARIABLE, url.reveal()),
            at.toString()));
  }

  /**
   * Waits until the child holds its job.
   *
   * @throws AssertionError when the child exits or the time runs out first, with its output
   */
  Claim awaitClaim(Duration timeout) throws InterruptedException {
    String[] parts = child.awaitLine(CLAIMED, timeout).substring(CLAIMED.length()).split(" ");
    return new Claim(Id.of(parts[0]), Timestamps.parse("lease_until", parts[1]));
  }

  /**
   * Kills the child with SIGKILL and waits until it is gone.
   *
   * @throws AssertionError when it was already gone, survives, or did not die of SIGKILL (exit
   *     status 128 + 9)
   */
  void killAndAssertSigkill() throws InterruptedException {
    child.assertAlive();
    int status = child.kill();
    if (status != ChildJvm.KILLED) {
      throw new AssertionError("The leasing process ended with " + status + ", not by SIGKILL");
    }
  }

  /** Kills the child if it still runs; never throws. */
  @Override
  public void close() {
    child.close();
  }
}
