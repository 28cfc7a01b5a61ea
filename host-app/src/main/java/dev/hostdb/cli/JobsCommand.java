package dev.hostdb.cli;

import dev.hostdb.HostDatabase;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.JobStatus;
import dev.hostdb.domain.Json;
import dev.hostdb.domain.SystemJob;
import dev.hostdb.domain.Timestamps;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hostdb jobs}: how many jobs are in each status, and the jobs of one status. */
@Command(
    name = "jobs",
    description =
        "Show how many jobs the queue holds in each status, and the oldest jobs of one status"
            + " (failed by default) with their errors.",
    subcommands = {JobsCommand.Retry.class, JobsCommand.Cancel.class, JobsCommand.Prune.class})
final class JobsCommand implements Runnable {
  @ParentCommand private HostDbCommand root;

  @Spec private CommandSpec spec;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description = "The status to list: pending, running, completed, failed or cancelled.")
  private String status = "failed";

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "List at most N jobs, 1 to 1000 (default: ${DEFAULT-VALUE}).")
  private int limit = 20;

  @Option(
      names = "--json",
      description =
          "Print one line of JSON: {\"counts\":{\"pending\":N,…},\"jobs\":[{\"id\":…},…]}.")
  private boolean json;

  @Override
  public void run() {
    JobStatus listed;
    try {
      listed = JobStatus.fromCode(status.toLowerCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new ParameterException(spec.commandLine(), "--status: " + e.getMessage());
    }
    if (limit < 1 || limit > 1_000) {
      throw new ParameterException(spec.commandLine(), "--limit must be 1 to 1000");
    }
    try (HostDatabase db = root.openDatabase()) {
      Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
      for (JobStatus each : JobStatus.values()) {
        counts.put(each, db.jobs().count(each));
      }
      List<SystemJob> jobs = db.jobs().list(listed, limit);

      PrintWriter out = spec.commandLine().getOut();
      out.println(json ? json(counts, jobs) : text(counts, listed, jobs));
      out.flush();
    }
  }

  static String json(Map<JobStatus, Long> counts, List<SystemJob> jobs) {
    StringBuilder out = new StringBuilder("{\"counts\":{");
    String separator = "";
    for (Map.Entry<JobStatus, Long> count : counts.entrySet()) {
      out.append(separator).append(Json.string(count.getKey().code())).append(':');
      out.append(count.getValue());
      separator = ",";
    }
    out.append("},\"jobs\":[");
    separator = "";
    for (SystemJob job : jobs) {
      out.append(separator)
          .append("{\"id\":")
          .append(Json.string(job.id().value()))
          .append(",\"type\":")
          .append(Json.string(job.jobType()))
          .append(",\"status\":")
          .append(Json.string(job.status().code()))
          .append(",\"attempts\":")
          .append(job.attempts())
          .append(",\"maxAttempts\":")
          .append(job.maxAttempts())
          .append(",\"createdAt\":")
          .append(Json.string(Timestamps.format(job.createdAt())))
          .append(",\"runAfter\":")
          .append(Json.string(Timestamps.format(job.runAfter())))
          .append(",\"error\":")
          .append(Json.string(job.errorLog()))
          .append('}');
      separator = ",";
    }
    return out.append("]}").toString();
  }

  static String text(Map<JobStatus, Long> counts, JobStatus listed, List<SystemJob> jobs) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<JobStatus, Long> count : counts.entrySet()) {
      out.append(String.format("%-12s %8d%n", count.getKey().code(), count.getValue()));
    }
    out.append(String.format("%n%s jobs, oldest first:%n", listed.code()));
    if (jobs.isEmpty()) {
      out.append("  (none)");
    }
    for (SystemJob job : jobs) {
      out.append(
          String.format(
              "  %s  %-20s attempt %d/%d  created %s%n",
              job.id().value(),
              job.jobType(),
              job.attempts(),
              job.maxAttempts(),
              Timestamps.format(job.createdAt())));
      if (job.errorLog() != null) {
        out.append("    ").append(firstLine(job.errorLog())).append(System.lineSeparator());
      }
    }
    return out.toString().stripTrailing();
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end) + " …";
  }

  /** {@code hostdb jobs retry ID}: a failed or cancelled job back in the queue. */
  @Command(
      name = "retry",
      description =
          "Put a failed or cancelled job back in the queue, due now, with all its attempts.")
  static final class Retry implements Runnable {
    @ParentCommand private JobsCommand jobs;

    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "JOB_ID", description = "The job's id (32 hex digits).")
    private String id;

    @Override
    public void run() {
      Id jobId = Id.of(id);
      try (HostDatabase db = jobs.root.openDatabase()) {
        SystemJob job = db.jobs().retry(jobId, db.now());
        spec.commandLine().getOut().println("job " + job.id().value() + " is pending again");
        spec.commandLine().getOut().flush();
      }
    }
  }

  /** {@code hostdb jobs cancel ID}: a pending job that should never run. */
  @Command(name = "cancel", description = "Cancel a pending job: it is never claimed.")
  static final class Cancel implements Runnable {
    @ParentCommand private JobsCommand jobs;

    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "JOB_ID", description = "The job's id (32 hex digits).")
    private String id;

    @Override
    public void run() {
      Id jobId = Id.of(id);
      try (HostDatabase db = jobs.root.openDatabase()) {
        SystemJob job = db.jobs().cancel(jobId, db.now());
        spec.commandLine().getOut().println("job " + job.id().value() + " is cancelled");
        spec.commandLine().getOut().flush();
      }
    }
  }

  /** {@code hostdb jobs prune}: completed and cancelled jobs older than some days, deleted. */
  @Command(
      name = "prune",
      description =
          "Delete completed and cancelled jobs that finished more than DAYS days ago; failed jobs"
              + " stay.")
  static final class Prune implements Runnable {
    private static final int BATCH = 1_000;

    @ParentCommand private JobsCommand jobs;

    @Spec private CommandSpec spec;

    @Option(
        names = "--older-than-days",
        paramLabel = "DAYS",
        description = "Keep the jobs of the last DAYS days, 0 or more (default: ${DEFAULT-VALUE}).")
    private int days = 30;

    @Override
    public void run() {
      if (days < 0) {
        throw new ParameterException(spec.commandLine(), "--older-than-days must be 0 or more");
      }
      try (HostDatabase db = jobs.root.openDatabase()) {
        Instant before = db.now().minus(Duration.ofDays(days));
        long deleted = 0;
        int batch;
        do {
          batch = db.jobs().prune(before, BATCH);
          deleted += batch;
        } while (batch == BATCH);
        spec.commandLine()
            .getOut()
            .println("deleted " + deleted + " jobs finished before " + Timestamps.format(before));
        spec.commandLine().getOut().flush();
      }
    }
  }
}
