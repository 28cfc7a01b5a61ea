package dev.hostdb.cli;

import dev.hostdb.HostDatabase;
import dev.hostdb.domain.error.ConflictException;
import dev.hostdb.domain.error.HostDbException;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.error.NotFoundException;
import dev.hostdb.domain.error.StorageUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code hostdb} command: the operator's tool over {@link HostDatabase}, configured from the
 * environment like the library ({@code HOST_DB_URL}, or {@code DB_TYPE} and the other {@code DB_*}
 * variables; with none set, the SQLite file {@code app_host.db} in the working directory).
 *
 * <p>Output for people goes to standard output; logs and errors go to standard error. A failure
 * prints one line, {@code hostdb: <message>}, and exits with a code that says what failed (see
 * {@link #exitCode(Throwable)}).
 */
@Command(
    name = "hostdb",
    mixinStandardHelpOptions = true,
    versionProvider = HostDbCommand.Version.class,
    description = "The host database of a multi-tenant SaaS: users, tenants, access and billing.",
    subcommands = {
      QuickstartCommand.class,
      StatusCommand.class,
      JobsCommand.class,
      AuditCommand.class
    },
    footerHeading = "%nConfiguration:%n",
    footer = {
      "  HOST_DB_URL  the whole URL: postgresql://user:pass@host:5432/app_host,",
      "               sqlite:///app_host.db, or a jdbc:postgresql: or jdbc:sqlite: URL",
      "  DB_TYPE      POSTGRESQL or SQLITE; PostgreSQL then reads DB_HOST, DB_PORT,",
      "               DB_NAME, DB_USER and DB_PASS; SQLite opens <DB_NAME>.db",
      "  (none set)   the SQLite file app_host.db in the working directory",
      "",
      "Exit codes:",
      "  0  success",
      "  1  unexpected error",
      "  2  invalid input or usage",
      "  3  conflict with stored data",
      "  4  record not found",
      "  5  storage unavailable: database unreachable or closed, or its adapter missing",
      "  6  the audit trail failed verification (hostdb audit verify)"
    })
public final class HostDbCommand implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(HostDbCommand.class);

  /** Exit code of an error that is none of the kinds below. */
  public static final int EXIT_UNEXPECTED = 1;

  /** Exit code of invalid input or a usage error. */
  public static final int EXIT_INVALID_INPUT = 2;

  /** Exit code of a conflict with stored data. */
  public static final int EXIT_CONFLICT = 3;

  /** Exit code of a missing record. */
  public static final int EXIT_NOT_FOUND = 4;

  /** Exit code of unavailable storage. */
  public static final int EXIT_STORAGE_UNAVAILABLE = 5;

  /** Exit code of {@code hostdb audit verify} when the audit trail's chain is broken. */
  public static final int EXIT_AUDIT_BROKEN = 6;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Log what HostDB does (and stack traces of failures) to standard error.")
  private boolean verbose;

  @Spec private CommandSpec spec;

  private final Supplier<HostDatabase> database;

  /** The command on the database that the environment configures. */
  public HostDbCommand() {
    this(HostDatabase::fromEnv);
  }

  /**
   * The command on the database that {@code database} opens; each subcommand opens it once and
   * closes it when done.
   */
  public HostDbCommand(Supplier<HostDatabase> database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  /** Runs the command and exits the process with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine(new HostDbCommand()).execute(args));
  }

  /**
   * A command line for {@code command} with HostDB's error handling: one line per failure on
   * standard error and an exit code per kind of failure.
   */
  public static CommandLine commandLine(HostDbCommand command) {
    CommandLine commandLine = new CommandLine(command);
    commandLine.setExecutionStrategy(command::execute);
    commandLine.setExecutionExceptionHandler(
        (error, failed, parseResult) -> command.report(error, failed.getErr()));
    commandLine.setParameterExceptionHandler(
        (error, args) -> {
          PrintWriter err = error.getCommandLine().getErr();
          err.println("hostdb: " + oneLine(error.getMessage()) + " (see hostdb --help)");
          err.flush();
          return EXIT_INVALID_INPUT;
        });
    return commandLine;
  }

  /**
   * The exit code for a failure: 2 invalid input, 3 conflict, 4 not found, 5 storage unavailable, 1
   * anything else.
   */
  public static int exitCode(Throwable error) {
    if (error instanceof InvalidInputException) {
      return EXIT_INVALID_INPUT;
    }
    if (error instanceof ConflictException) {
      return EXIT_CONFLICT;
    }
    if (error instanceof NotFoundException) {
      return EXIT_NOT_FOUND;
    }
    if (error instanceof StorageUnavailableException) {
      return EXIT_STORAGE_UNAVAILABLE;
    }
    return EXIT_UNEXPECTED;
  }

  /** Without a subcommand, prints the usage help. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Opens the database for a subcommand. */
  HostDatabase openDatabase() {
    return database.get();
  }

  private int execute(ParseResult parseResult) {
    Logging.configure(verbose);
    return new CommandLine.RunLast().execute(parseResult);
  }

  private int report(Exception error, PrintWriter err) {
    String message =
        error instanceof HostDbException
            ? error.getMessage()
            : "unexpected error: " + error.getClass().getName() + ": " + error.getMessage();
    err.println("hostdb: " + oneLine(message));
    err.flush();
    if (verbose) {
      LOG.warn("The command failed", error);
    }
    return exitCode(error);
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** The version from the build, as {@code --version} prints it. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"hostdb " + properties.getProperty("version", "(development build)")};
    }
  }
}
