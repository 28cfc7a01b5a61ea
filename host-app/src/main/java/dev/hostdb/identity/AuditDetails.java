package dev.hostdb.identity;

/** The JSON object of an audit entry's {@code details}: flat, string values, never a secret. */
final class AuditDetails {
  private AuditDetails() {}

  /** A JSON object of the given names and values, in order; null values are left out. */
  static String of(String... namesAndValues) {
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] == null) {
        continue;
      }
      if (json.length() > 1) {
        json.append(',');
      }
      quote(json, namesAndValues[i]).append(':');
      quote(json, namesAndValues[i + 1]);
    }
    return json.append('}').toString();
  }

  private static StringBuilder quote(StringBuilder json, String text) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }
}
