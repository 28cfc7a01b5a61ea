package dev.hostdb.domain;

import dev.hostdb.domain.error.InvalidInputException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a database lives: the host database itself, or a tenant's own database as {@code
 * core_tenants.db_url} holds it.
 *
 * <p>Accepts the reference's SQLAlchemy form ({@code postgresql://user:pass@host:5432/app_host},
 * {@code sqlite:///app_host.db}) and JDBC URLs ({@code
 * jdbc:postgresql://host/db?user=u&password=p}, {@code jdbc:sqlite:app_host.db}). The user name and
 * password are split out of the URL on parsing: {@link #jdbcUrl()} never contains them, and {@link
 * #toString()} shows the password as {@code ***}. Only {@link #reveal()} gives the URL back with
 * its password.
 */
public final class DatabaseUrl {
  private static final String MASK = "***";

  private final String kind;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String revealed;
  private final String masked;

  private DatabaseUrl(
      String kind, String jdbcUrl, String user, String password, String revealed, String masked) {
    this.kind = kind;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.revealed = revealed;
    this.masked = masked;
  }

  /**
   * Parses a URL in either accepted form.
   *
   * @throws InvalidInputException naming what is wrong; the message never repeats a password
   */
  public static DatabaseUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new InvalidInputException("database url", "a URL is required");
    }
    String text = url.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:sqlite:")) {
      String path = text.substring("jdbc:sqlite:".length());
      return sqlite(path, text);
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return jdbcPostgres(text);
    }
    int schemeEnd = text.indexOf("://");
    if (schemeEnd < 0) {
      throw new InvalidInputException(
          "database url",
          "expected postgresql://…, sqlite:///…, jdbc:postgresql:… or jdbc:sqlite:… but got a URL"
              + " with no scheme");
    }
    String scheme = lower.substring(0, schemeEnd);
    int plus = scheme.indexOf('+');
    String base = plus < 0 ? scheme : scheme.substring(0, plus);
    String rest = text.substring(schemeEnd + 3);
    switch (base) {
      case "sqlite":
        return referenceSqlite(rest, text);
      case "postgresql":
      case "postgres":
        return referencePostgres(rest, text);
      default:
        throw new InvalidInputException(
            "database url", "unsupported scheme '" + scheme + "'; use postgresql or sqlite");
    }
  }

  /** A SQLite database in the given file. */
  public static DatabaseUrl sqliteFile(String path) {
    return parse("jdbc:sqlite:" + path);
  }

  /**
   * A PostgreSQL database from its parts, as the reference's {@code DB_*} variables give them.
   *
   * @param password may be null or empty for trust authentication
   */
  public static DatabaseUrl postgres(
      String host, int port, String database, String user, String password) {
    String userInfo =
        encode(user) + (password == null || password.isEmpty() ? "" : ":" + encode(password));
    return parse("postgresql://" + userInfo + "@" + host + ":" + port + "/" + database);
  }

  private static DatabaseUrl sqlite(String path, String original) {
    if (path.isBlank()) {
      throw new InvalidInputException("database url", "a SQLite URL needs a file path");
    }
    if (path.contains(":memory:") || path.contains("mode=memory")) {
      throw new InvalidInputException(
          "database url",
          "in-memory SQLite is not supported (each connection would see its own database); use a"
              + " file, for example in a temporary directory");
    }
    return new DatabaseUrl("sqlite", "jdbc:sqlite:" + path, null, null, original, original);
  }

  private static DatabaseUrl referenceSqlite(String rest, String original) {
    if (!rest.startsWith("/") || rest.length() < 2) {
      throw new InvalidInputException(
          "database url",
          "a SQLite URL is sqlite:///relative/path.db or sqlite:////absolute/path.db");
    }
    return sqlite(rest.substring(1), original);
  }

  private static DatabaseUrl referencePostgres(String rest, String original) {
    int at = userInfoEnd(rest);
    String user = null;
    String password = null;
    String hostAndRest = rest;
    String maskedOriginal = original;
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      hostAndRest = rest.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      if (colon >= 0) {
        password = decode(userInfo.substring(colon + 1));
        String prefix = original.substring(0, original.indexOf("://") + 3);
        maskedOriginal = prefix + userInfo.substring(0, colon) + ":" + MASK + "@" + hostAndRest;
      }
    }
    if (hostAndRest.isEmpty() || hostAndRest.startsWith("/")) {
      throw new InvalidInputException("database url", "a PostgreSQL URL needs a host");
    }
    return new DatabaseUrl(
        "postgresql",
        "jdbc:postgresql://" + hostAndRest,
        emptyToNull(user),
        emptyToNull(password),
        original,
        maskedOriginal);
  }

  /**
   * Where the user name and password end, or -1. The last {@code @} before the first {@code /} or
   * {@code ?} keeps an unencoded {@code @} in the password. Failing that, the reference's grammar
   * (SQLAlchemy: {@code user:password@host}, the password running to an {@code @}) applies, so that
   * an unencoded {@code /} or {@code ?} in a password is not taken for the host.
   */
  private static int userInfoEnd(String rest) {
    int at = rest.lastIndexOf('@', firstOf(rest, '/', '?'));
    if (at >= 0) {
      return at;
    }
    int colon = rest.indexOf(':');
    int firstAt = rest.indexOf('@');
    if (colon < 0 || firstAt < 0 || colon > firstOf(rest, '/', '?')) {
      return -1;
    }
    String afterAt = rest.substring(firstAt);
    return rest.lastIndexOf('@', firstAt + firstOf(afterAt, '/', '?'));
  }

  private static DatabaseUrl jdbcPostgres(String original) {
    int query = original.indexOf('?');
    String base = query < 0 ? original : original.substring(0, query);
    String user = null;
    String password = null;
    List<String> kept = new ArrayList<>();
    List<String> maskedParams = new ArrayList<>();
    if (query >= 0) {
      for (String param : original.substring(query + 1).split("&")) {
        String key = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
        String value = param.contains("=") ? param.substring(param.indexOf('=') + 1) : "";
        if (key.equalsIgnoreCase("user")) {
          user = decode(value);
          maskedParams.add(param);
        } else if (key.equalsIgnoreCase("password")) {
          password = decode(value);
          maskedParams.add(key + "=" + MASK);
        } else if (!param.isEmpty()) {
          kept.add(param);
          maskedParams.add(param);
        }
      }
    }
    String jdbc = kept.isEmpty() ? base : base + "?" + String.join("&", kept);
    String masked = maskedParams.isEmpty() ? base : base + "?" + String.join("&", maskedParams);
    return new DatabaseUrl(
        "postgresql", jdbc, emptyToNull(user), emptyToNull(password), original, masked);
  }

  private static int firstOf(String text, char a, char b) {
    int i = text.indexOf(a);
    int j = text.indexOf(b);
    if (i < 0) {
      return j < 0 ? text.length() : j;
    }
    return j < 0 ? i : Math.min(i, j);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // the decoder's message quotes the text, which may be a password
      throw new InvalidInputException(
          "database url",
          "the user name or password has a broken %-escape; write a literal % as %25");
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /** The kind of database, {@code postgresql} or {@code sqlite}: picks the adapter. */
  public String kind() {
    return kind;
  }

  /** The JDBC URL without user name or password. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The user name, or null when the URL names none. */
  public String user() {
    return user;
  }

  /**
   * The password, or null when the URL has none. Hand it to the driver as a property, never put it
   * in a URL or a log line.
   */
  public String password() {
    return password;
  }

  /** For SQLite, the database file's path as written in the URL; otherwise null. */
  public String sqlitePath() {
    return "sqlite".equals(kind) ? jdbcUrl.substring("jdbc:sqlite:".length()) : null;
  }

  /** The URL as given, with its password: for tools that must open a connection of their own. */
  public String reveal() {
    return revealed;
  }

  /** The URL as given, with the password replaced by {@code ***}. */
  public String masked() {
    return masked;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DatabaseUrl that && revealed.equals(that.revealed);
  }

  @Override
  public int hashCode() {
    return Objects.hash(revealed);
  }

  /** The masked URL; the password never appears. */
  @Override
  public String toString() {
    return masked;
  }
}
