package dev.hostdb;

import dev.hostdb.domain.DatabaseUrl;
import dev.hostdb.domain.error.InvalidInputException;
import dev.hostdb.domain.port.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the host database is and how to size its connections.
 *
 * <p>{@link #fromEnv(Map, Path)} reads the reference's variables:
 *
 * <table>
 *   <caption>Variables, first match wins</caption>
 *   <tr><th>variable</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code HOST_DB_URL}</td><td>the whole URL, reference form ({@code
 *       postgresql://user:pass@host:5432/app_host}, {@code sqlite:///app_host.db}) or JDBC form;
 *       the {@code DB_*} variables are then ignored</td><td>unset</td></tr>
 *   <tr><td>{@code DB_TYPE}</td><td>{@code POSTGRESQL} (or {@code POSTGRES}) or {@code SQLITE},
 *       in any letter case</td><td>unset: the embedded SQLite file</td></tr>
 *   <tr><td>{@code DB_HOST}, {@code DB_PORT}</td><td>PostgreSQL server</td>
 *       <td>{@code localhost}, {@code 5432}</td></tr>
 *   <tr><td>{@code DB_NAME}</td><td>PostgreSQL database, or SQLite file {@code <DB_NAME>.db} in
 *       the working directory</td><td>{@code app_host}</td></tr>
 *   <tr><td>{@code DB_USER}, {@code DB_PASS}</td><td>PostgreSQL credentials</td>
 *       <td>{@code postgres}, none</td></tr>
 *   <tr><td>{@code HOST_DB_POOL_SIZE}</td><td>most connections open at once, at least 1</td>
 *       <td>{@link StoreSettings#defaults()}</td></tr>
 *   <tr><td>{@code HOST_DB_TIMEOUT_MS}</td><td>how long to wait for a connection, in
 *       milliseconds</td><td>{@link StoreSettings#defaults()}</td></tr>
 * </table>
 *
 * <p><b>NOTE:</b> two deliberate differences from the reference. With neither {@code HOST_DB_URL}
 * nor {@code DB_TYPE} set, HostDB opens the embedded default, the SQLite file {@code app_host.db}
 * in the working directory, where the reference assumes PostgreSQL. And an empty or missing {@code
 * DB_PASS} is accepted for PostgreSQL (trust or peer authentication), where the reference refuses
 * it.
 *
 * <p>{@link #toString()} never shows a password.
 *
 * @param url where the host database is
 * @param settings how the adapter sizes and times its connections
 */
public record HostConfig(DatabaseUrl url, StoreSettings settings) {
  private static final Logger LOG = LoggerFactory.getLogger(HostConfig.class);

  private static final String DEFAULT_NAME = "app_host";
  private static final List<String> POSTGRES_ONLY = List.of("DB_HOST", "DB_PORT", "DB_USER");

  /**
   * @throws InvalidInputException when either part is missing
   */
  public HostConfig {
    if (url == null) {
      throw new InvalidInputException("url", "a database URL is required");
    }
    if (settings == null) {
      throw new InvalidInputException("settings", "store settings are required");
    }
  }

  /** The database at {@code url} with the default store settings. */
  public static HostConfig of(DatabaseUrl url) {
    return new HostConfig(url, StoreSettings.defaults());
  }

  /**
   * The database at {@code url}, in reference or JDBC form, with the default store settings.
   *
   * @throws InvalidInputException when the URL cannot be parsed
   */
  public static HostConfig of(String url) {
    return of(DatabaseUrl.parse(url));
  }

  /** The configuration from the process environment and working directory. */
  public static HostConfig fromEnv() {
    return fromEnv(System.getenv(), Path.of(""));
  }

  /**
   * The configuration from the given variables; see the class description for the rules. Blank
   * values count as unset, except {@code DB_PASS}, where empty means "no password".
   *
   * @param env the variables, such as {@link System#getenv()}
   * @param workingDir the directory that relative SQLite files are resolved against
   * @throws InvalidInputException naming the variable that is malformed
   */
  public static HostConfig fromEnv(Map<String, String> env, Path workingDir) {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(workingDir, "workingDir");
    return new HostConfig(urlFromEnv(env, workingDir), settingsFromEnv(env));
  }

  /** This configuration with other store settings. */
  public HostConfig withSettings(StoreSettings settings) {
    return new HostConfig(url, settings);
  }

  private static DatabaseUrl urlFromEnv(Map<String, String> env, Path workingDir) {
    String url = value(env, "HOST_DB_URL");
    if (url != null) {
      return DatabaseUrl.parse(url);
    }
    String type = value(env, "DB_TYPE");
    String name = valueOr(env, "DB_NAME", DEFAULT_NAME);
    if (type == null) {
      warnIfPostgresMeant(env);
      return sqliteFile(workingDir, name);
    }
    switch (type.toUpperCase(Locale.ROOT)) {
      case "POSTGRESQL":
      case "POSTGRES":
        return DatabaseUrl.postgres(
            valueOr(env, "DB_HOST", "localhost"),
            port(env),
            name,
            valueOr(env, "DB_USER", "postgres"),
            env.get("DB_PASS"));
      case "SQLITE":
        return sqliteFile(workingDir, name);
      default:
        throw new InvalidInputException(
            "DB_TYPE", "expected POSTGRESQL, POSTGRES or SQLITE (any letter case) but got " + type);
    }
  }

  private static void warnIfPostgresMeant(Map<String, String> env) {
    for (String variable : POSTGRES_ONLY) {
      if (value(env, variable) != null) {
        LOG.warn(
            "{} is set but DB_TYPE is not: opening the embedded SQLite file; set"
                + " DB_TYPE=POSTGRESQL to use the PostgreSQL server",
            variable);
        return;
      }
    }
  }

  private static DatabaseUrl sqliteFile(Path workingDir, String name) {
    Path file = workingDir.toAbsolutePath().normalize().resolve(name + ".db");
    return DatabaseUrl.parse("sqlite:///" + file);
  }

  private static int port(Map<String, String> env) {
    String text = value(env, "DB_PORT");
    if (text == null) {
      return 5432;
    }
    int port = wholeNumber("DB_PORT", text);
    if (port < 1 || port > 65535) {
      throw new InvalidInputException("DB_PORT", "expected a port from 1 to 65535 but got " + text);
    }
    return port;
  }

  private static StoreSettings settingsFromEnv(Map<String, String> env) {
    StoreSettings defaults = StoreSettings.defaults();
    String poolSize = value(env, "HOST_DB_POOL_SIZE");
    String timeout = value(env, "HOST_DB_TIMEOUT_MS");
    int connections =
        poolSize == null ? defaults.maxConnections() : wholeNumber("HOST_DB_POOL_SIZE", poolSize);
    if (connections < 1) {
      throw new InvalidInputException(
          "HOST_DB_POOL_SIZE", "expected at least 1 connection but got " + poolSize);
    }
    Duration wait =
        timeout == null
            ? defaults.connectionTimeout()
            : Duration.ofMillis(wholeNumber("HOST_DB_TIMEOUT_MS", timeout));
    if (wait.isNegative() || wait.isZero()) {
      throw new InvalidInputException(
          "HOST_DB_TIMEOUT_MS", "expected a positive number of milliseconds but got " + timeout);
    }
    return new StoreSettings(connections, wait);
  }

  private static int wholeNumber(String variable, String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(variable, "expected a whole number but got '" + text + "'");
    }
  }

  private static String value(Map<String, String> env, String variable) {
    String value = env.get(variable);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String valueOr(Map<String, String> env, String variable, String fallback) {
    String value = value(env, variable);
    return value == null ? fallback : value;
  }
}
