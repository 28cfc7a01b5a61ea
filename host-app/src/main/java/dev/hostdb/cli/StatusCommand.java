package dev.hostdb.cli;

import dev.hostdb.HostDatabase;
import dev.hostdb.domain.Json;
import dev.hostdb.domain.port.HostStore;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hostdb status}: where the host database is, its schema and how many rows each table has.
 */
@Command(
    name = "status",
    description = "Show the host database's URL (password masked), schema version and row counts.")
final class StatusCommand implements Runnable {
  @ParentCommand private HostDbCommand root;

  @Spec private CommandSpec spec;

  @Option(
      names = "--json",
      description =
          "Print one line of JSON: {\"url\":…,\"schemaVersion\":…,"
              + "\"tables\":{\"core_users\":N,…}}.")
  private boolean json;

  @Override
  public void run() {
    try (HostDatabase db = root.openDatabase()) {
      String url = db.uri();
      String schema = db.schemaVersion();
      Map<String, Long> counts = db.rowCounts();

      PrintWriter out = spec.commandLine().getOut();
      out.println(json ? json(url, schema, counts) : text(url, schema, counts));
      out.flush();
    }
  }

  static String json(String url, String schema, Map<String, Long> counts) {
    StringBuilder tables = new StringBuilder();
    for (String table : HostStore.TABLES) {
      tables.append(tables.length() == 0 ? "" : ",");
      tables.append(Json.string(table)).append(':').append(counts.get(table));
    }
    return "{\"url\":"
        + Json.string(url)
        + ",\"schemaVersion\":"
        + Json.string(schema)
        + ",\"tables\":{"
        + tables
        + "}}";
  }

  static String text(String url, String schema, Map<String, Long> counts) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%-20s %s%n", "url", url));
    out.append(String.format("%-20s %s%n", "schema", schema));
    for (String table : HostStore.TABLES) {
      out.append(String.format("%-20s %6d%n", table, counts.get(table)));
    }
    return out.toString().stripTrailing();
  }
}
