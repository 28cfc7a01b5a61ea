package dev.hostdb.domain;

import dev.hostdb.domain.error.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The stored form of HostDB's enums: the constant's name in lower case. */
final class Codes {
  private Codes() {}

  static String code(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> E parse(Class<E> type, String field, String code) {
    E[] constants = type.getEnumConstants();
    for (E constant : constants) {
      if (code != null && code(constant).equals(code.strip().toLowerCase(Locale.ROOT))) {
        return constant;
      }
    }
    String allowed = Arrays.stream(constants).map(Codes::code).collect(Collectors.joining(", "));
    throw new InvalidInputException(field, "'" + code + "' is not one of " + allowed);
  }
}
