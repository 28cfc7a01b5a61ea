package dev.hostdb.cli;

import dev.hostdb.HostDatabase;
import dev.hostdb.domain.AuditAnchor;
import dev.hostdb.domain.AuditEntry;
import dev.hostdb.domain.AuditPage;
import dev.hostdb.domain.AuditQuery;
import dev.hostdb.domain.AuditVerification;
import dev.hostdb.domain.Id;
import dev.hostdb.domain.Json;
import dev.hostdb.domain.Timestamps;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hostdb audit}: the audit trail, listed or verified. */
@Command(
    name = "audit",
    description = "List or verify the tamper-evident audit trail.",
    subcommands = {
      AuditCommand.Verify.class,
      AuditCommand.Head.class,
      AuditCommand.ListEntries.class
    })
final class AuditCommand implements Runnable {
  @ParentCommand private HostDbCommand root;

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code hostdb audit verify}: recomputes the hash chain; exit code 6 when it is broken. */
  @Command(
      name = "verify",
      description =
          "Recompute the audit trail's hash chain and report the first entry that was changed,"
              + " removed or inserted out of band; exits with "
              + HostDbCommand.EXIT_AUDIT_BROKEN
              + " when the chain is broken.")
  static final class Verify implements Callable<Integer> {
    @ParentCommand private AuditCommand audit;

    @Spec private CommandSpec spec;

    @Option(
        names = "--json",
        description =
            "Print one line of JSON: {\"ok\":…,\"checked\":N,\"problem\":{\"kind\":…,"
                + "\"entryId\":…,\"seq\":…,\"message\":…}}.")
    private boolean json;

    @Option(
        names = "--anchor",
        paramLabel = "SEQ:HASH",
        description =
            "Also check that the chain still holds this entry with this hash, as printed earlier"
                + " by 'hostdb audit head': shows newest entries cut off and a rebuilt chain.")
    private String anchor;

    @Override
    public Integer call() {
      AuditAnchor expected = anchor == null ? null : AuditAnchor.parse(anchor);
      try (HostDatabase db = audit.root.openDatabase()) {
        AuditVerification result =
            expected == null ? db.auditLog().verify() : db.auditLog().verify(expected);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? json(result) : text(result));
        out.flush();
        return result.ok() ? 0 : HostDbCommand.EXIT_AUDIT_BROKEN;
      }
    }

    static String json(AuditVerification result) {
      StringBuilder out =
          new StringBuilder("{\"ok\":")
              .append(result.ok())
              .append(",\"checked\":")
              .append(result.entriesChecked());
      result
          .problem()
          .ifPresent(
              problem ->
                  out.append(",\"problem\":{\"kind\":")
                      .append(Json.string(problem.kind().name()))
                      .append(",\"entryId\":")
                      .append(Json.string(problem.entryId().map(Id::value).orElse(null)))
                      .append(",\"seq\":")
                      .append(problem.seq().map(String::valueOf).orElse("null"))
                      .append(",\"message\":")
                      .append(Json.string(problem.message()))
                      .append('}'));
      return out.append('}').toString();
    }

    static String text(AuditVerification result) {
      return result
          .problem()
          .map(
              problem ->
                  "BROKEN after "
                      + result.entriesChecked()
                      + " entries: "
                      + problem.kind()
                      + " - "
                      + problem.message())
          .orElse("OK: " + result.entriesChecked() + " entries, chain intact");
    }
  }

  /** {@code hostdb audit head}: the end of the chain, to keep outside the database. */
  @Command(
      name = "head",
      description =
          "Print the end of the chain as SEQ:HASH, to keep outside the database and pass to"
              + " 'hostdb audit verify --anchor' later; prints nothing for an empty log.")
  static final class Head implements Runnable {
    @ParentCommand private AuditCommand audit;

    @Spec private CommandSpec spec;

    @Override
    public void run() {
      try (HostDatabase db = audit.root.openDatabase()) {
        PrintWriter out = spec.commandLine().getOut();
        db.auditLog().head().ifPresent(out::println);
        out.flush();
      }
    }
  }

  /** {@code hostdb audit list}: entries newest first, filtered, one page at a time. */
  @Command(name = "list", description = "List audit entries newest first, one page at a time.")
  static final class ListEntries implements Runnable {
    @ParentCommand private AuditCommand audit;

    @Spec private CommandSpec spec;

    @Option(names = "--actor", paramLabel = "USER_ID", description = "Only entries by this user.")
    private String actor;

    @Option(names = "--target", paramLabel = "ID", description = "Only entries about this record.")
    private String target;

    @Option(
        names = "--type",
        paramLabel = "EVENT",
        description = "Only entries of this event type, such as tenant.created.")
    private String eventType;

    @Option(
        names = "--limit",
        paramLabel = "N",
        description = "At most N entries, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    private int limit = 50;

    @Option(
        names = "--after",
        paramLabel = "CURSOR",
        description = "Continue after the page that printed this cursor.")
    private String cursor;

    @Override
    public void run() {
      AuditQuery query = AuditQuery.newestFirst(limit);
      if (actor != null) {
        query = query.withActor(Id.of(actor));
      }
      if (target != null) {
        query = query.withTarget(target);
      }
      if (eventType != null) {
        query = query.withEventType(eventType);
      }
      if (cursor != null) {
        query = query.after(cursor);
      }
      try (HostDatabase db = audit.root.openDatabase()) {
        AuditPage page = db.auditLog().query(query);
        PrintWriter out = spec.commandLine().getOut();
        for (AuditEntry entry : page.entries()) {
          out.printf(
              "%s  %-24s actor %s  target %s%s%n",
              Timestamps.format(entry.createdAt()),
              entry.eventType(),
              entry.actorUserId().value(),
              entry.targetId() == null ? "-" : entry.targetId(),
              entry.details() == null ? "" : "  " + entry.details());
        }
        page.nextCursor().ifPresent(next -> out.println("more: --after " + next));
        out.flush();
      }
    }
  }
}
