package dev.hostdb.domain;

/**
 * The little JSON HostDB writes itself, without a JSON library: string literals, and flat objects
 * of string values such as audit details and job payloads.
 */
public final class Json {
  private Json() {}

  /**
   * {@code text} as a JSON string literal, quotes included; {@code null} for no text. Control
   * characters and the line and paragraph separators are escaped.
   */
  public static String string(String text) {
    if (text == null) {
      return "null";
    }
    return appendString(new StringBuilder(text.length() + 2), text).toString();
  }

  /**
   * A JSON object of the given names and string values, in order; pairs with a null value are left
   * out. A trailing name without a value is ignored.
   */
  public static String object(String... namesAndValues) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] == null) {
        continue;
      }
      if (out.length() > 1) {
        out.append(',');
      }
      appendString(out, namesAndValues[i]).append(':');
      appendString(out, namesAndValues[i + 1]);
    }
    return out.append('}').toString();
  }

  private static StringBuilder appendString(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }
}
