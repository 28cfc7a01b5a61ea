package dev.hostdb.domain;

import dev.hostdb.domain.error.InvalidInputException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The text form of instants in the host database: ISO-8601 in UTC without a zone designator and
 * with microseconds, exactly as the reference's {@code datetime.utcnow().isoformat()} writes them
 * ({@code 2026-12-03T12:51:53.123456}). Text in this one form sorts in time order.
 */
public final class Timestamps {
  private static final Pattern OFFSET = Pattern.compile(".*[+-]\\d\\d:?\\d\\d$");
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

  private Timestamps() {}

  /** Formats an instant as the reference does, truncated to microseconds. */
  public static String format(Instant instant) {
    return FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
  }

  /**
   * Reads a stored timestamp. Text without a zone designator is UTC (the reference writes it so);
   * text with {@code Z} or an offset is honoured. Null stays null.
   *
   * @param column the column read, named in the error when the text is not a timestamp
   */
  public static Instant parse(String column, String text) {
    if (text == null) {
      return null;
    }
    String value = text.strip().replace(' ', 'T');
    try {
      if (value.endsWith("Z") || OFFSET.matcher(value).matches()) {
        return OffsetDateTime.parse(value).toInstant();
      }
      return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(column, "'" + text + "' is not an ISO-8601 timestamp");
    }
  }
}
