package dev.hostdb.cli;

import dev.hostdb.HostDatabase;
import dev.hostdb.domain.JobStatus;
import dev.hostdb.domain.SystemJob;
import dev.hostdb.domain.Timestamps;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hostdb jobs}: how many jobs are in each status, and the jobs of one status. */
@Command(
    name = "jobs",
    description =
        "Show how many jobs the queue holds in each status, and the oldest jobs of one status"
            + " (failed by default) with their errors.")
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
}
