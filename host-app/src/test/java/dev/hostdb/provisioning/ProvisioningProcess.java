package dev.hostdb.provisioning;

import dev.hostdb.HostConfig;
import dev.hostdb.HostDatabase;
import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.Id;
import dev.hostdb.jdbc.testing.ChildJvm;
import dev.hostdb.jobs.JobRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A separate JVM that provisions one tenant with {@link TenantProvisioningTest#CHANGELOG}, blocking
 * in its Java changeset ({@link BlockingChange}) after creating a marker file, so that a test can
 * kill it there with SIGKILL: no shutdown hooks, no {@code finally}.
 *
 * <p>The host database URL and the tenant id come from the environment, never the command line, so
 * no password shows in the process list.
 */
public final class ProvisioningProcess implements AutoCloseable {
  static final String HOST_URL_VARIABLE = "HOSTDB_TEST_HOST_URL";
  static final String TENANT_VARIABLE = "HOSTDB_TEST_TENANT_ID";

  /** The lease owner of the child's job runner. */
  static final String WORKER_NAME = "child-worker";

  /** The lease of the child's job runner, extended every half second while it lives. */
  static final Duration WORKER_LEASE = Duration.ofSeconds(2);

  private final ChildJvm child;
  private final Path marker;

  private ProvisioningProcess(ChildJvm child, Path marker) {
    this.child = child;
    this.marker = marker;
  }

  /**
   * Runs in the child JVM.
   *
   * @param args none
   */
  public static void main(String[] args) throws InterruptedException {
    DatabaseUrl hostUrl = DatabaseUrl.parse(System.getenv(HOST_URL_VARIABLE));
    String tenant = System.getenv(TENANT_VARIABLE);
    try (HostDatabase db = HostDatabase.create(HostConfig.of(hostUrl))) {
      TenantProvisioning provisioning =
          db.provisioning(ProvisioningSettings.of(TenantProvisioningTest.CHANGELOG));
      if (tenant != null) {
        provisioning.provision(Id.of(tenant));
        return;
      }
      // a worker: runs the queued tenant jobs until it is killed
      provisioning
          .registerHandlers(
              db.jobRunner(
                  JobRunner.Settings.defaults()
                      .withWorkerName(WORKER_NAME)
                      .withLease(WORKER_LEASE, Duration.ofMillis(500))
                      .withPollInterval(Duration.ofMillis(50))))
          .start();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  /**
   * Starts a child JVM on the test class path that provisions the tenant.
   *
   * @param folder where the marker goes
   */
  static ProvisioningProcess start(DatabaseUrl hostUrl, Id tenantId, Path folder)
      throws IOException {
    return launch(hostUrl, tenantId.value(), folder);
  }

  /**
   * Starts a child JVM on the test class path that runs a job runner with the provisioning
   * handlers, {@link #WORKER_NAME} with leases of {@link #WORKER_LEASE}.
   *
   * @param folder where the marker goes
   */
  static ProvisioningProcess startWorker(DatabaseUrl hostUrl, Path folder) throws IOException {
    return launch(hostUrl, null, folder);
  }

  private static ProvisioningProcess launch(DatabaseUrl hostUrl, String tenantId, Path folder)
      throws IOException {
    Path marker = folder.resolve("blocked.marker");
    Map<String, String> environment = new HashMap<>();
    environment.put(HOST_URL_VARIABLE, hostUrl.reveal());
    if (tenantId != null) {
      environment.put(TENANT_VARIABLE, tenantId);
    }
    environment.put(BlockingChange.MARKER_VARIABLE, marker.toString());
    return new ProvisioningProcess(
        ChildJvm.start("The provisioning process", ProvisioningProcess.class, environment), marker);
  }

  /**
   * Waits until the child blocks inside its Java changeset.
   *
   * @throws AssertionError when the child exits or the time runs out first, with its output
   */
  void awaitBlocked(Duration timeout) throws InterruptedException {
    child.await(() -> Files.exists(marker), "block inside its Java changeset", timeout);
  }

  /**
   * Kills the child with SIGKILL and waits until it is gone.
   *
   * @return its exit status, {@link ChildJvm#KILLED} when the signal killed it
   */
  int kill() throws InterruptedException {
    return child.kill();
  }

  /** Kills the child if it still runs. */
  @Override
  public void close() {
    child.close();
  }
}
