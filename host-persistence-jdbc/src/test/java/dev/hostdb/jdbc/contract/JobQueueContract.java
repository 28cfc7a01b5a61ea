package dev.hostdb.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostdb.domain.Id;
import dev.hostdb.domain.JobStatus;
import dev.hostdb.domain.SystemJob;
import org.junit.jupiter.api.Test;

/** What every adapter's {@link dev.hostdb.domain.port.JobQueue} must do. */
public abstract class JobQueueContract extends StoreContract {

  @Test
  void enqueues_finds_and_lists_pending_jobs_oldest_first() {
    SystemJob second = SystemJob.pending(Id.random(), "tenant.purge", "{\"t\":2}", later(2));
    SystemJob first = SystemJob.pending(Id.random(), "tenant.provision", "{\"t\":1}", later(1));
    store.jobs().enqueue(second);
    store.jobs().enqueue(first);

    assertThat(store.jobs().find(first.id())).contains(first);
    assertThat(store.jobs().list(JobStatus.PENDING, 10)).containsExactly(first, second);
    assertThat(store.jobs().list(JobStatus.FAILED, 10)).isEmpty();
    assertThat(store.jobs().count()).isEqualTo(2);
  }

  @Test
  void keeps_a_finished_job_with_its_error() {
    SystemJob failed =
        new SystemJob(
            Id.random(), "tenant.provision", JobStatus.FAILED, null, "disk full", now, later(9));

    store.jobs().enqueue(failed);

    assertThat(store.jobs().find(failed.id())).contains(failed);
  }
}
