package dev.hostdb.tenancy;

import dev.hostdb.domain.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The little JSON HostDB reads itself: a strict syntax check and arrays of strings. Not a general
 * parser: values are checked, not kept. Writing is {@link dev.hostdb.domain.Json}'s.
 */
final class JsonText {
  private final String text;
  private final String field;
  private int at;
  private int depth;

  /** Nesting deeper than this is refused rather than risking the stack. */
  private static final int MAX_DEPTH = 100;

  private JsonText(String field, String text) {
    this.field = field;
    this.text = text;
  }

  /**
   * Checks that {@code text} is one JSON object or array and nothing else.
   *
   * @throws InvalidInputException naming {@code field} when it is not
   */
  static void requireObjectOrArray(String field, String text) {
    JsonText json = new JsonText(field, text);
    json.skipSpace();
    if (json.peek() != '{' && json.peek() != '[') {
      throw json.malformed("expected a JSON object or array");
    }
    json.value();
    json.requireEnd();
  }

  /**
   * Reads a JSON array of strings, such as {@code ["api", "exports"]}.
   *
   * @throws InvalidInputException naming {@code field} when it is anything else
   */
  static List<String> stringArray(String field, String text) {
    JsonText json = new JsonText(field, text);
    List<String> items = new ArrayList<>();
    json.skipSpace();
    json.expect('[');
    json.skipSpace();
    if (json.peek() == ']') {
      json.at++;
    } else {
      do {
        json.skipSpace();
        items.add(json.string());
        json.skipSpace();
      } while (json.accept(','));
      json.expect(']');
    }
    json.requireEnd();
    return List.copyOf(items);
  }

  private void value() {
    skipSpace();
    char c = peek();
    if ((c == '{' || c == '[') && ++depth > MAX_DEPTH) {
      throw malformed("nesting deeper than " + MAX_DEPTH);
    }
    switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> number();
    }
    if (c == '{' || c == '[') {
      depth--;
    }
    skipSpace();
  }

  private void object() {
    expect('{');
    skipSpace();
    if (accept('}')) {
      return;
    }
    do {
      skipSpace();
      string();
      skipSpace();
      expect(':');
      value();
    } while (accept(','));
    expect('}');
  }

  private void array() {
    expect('[');
    skipSpace();
    if (accept(']')) {
      return;
    }
    do {
      value();
    } while (accept(','));
    expect(']');
  }

  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next("an unterminated string");
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw malformed("a control character inside a string");
      }
      out.append(c == '\\' ? escape() : c);
    }
  }

  private char escape() {
    char c = next("an unterminated escape");
    return switch (c) {
      case '"', '\\', '/' -> c;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> unicodeEscape();
      default -> throw malformed("an unknown escape \\" + c);
    };
  }

  private char unicodeEscape() {
    if (at + 4 > text.length()) {
      throw malformed("a short \\u escape");
    }
    String hex = text.substring(at, at + 4);
    if (!hex.matches("[0-9a-fA-F]{4}")) {
      throw malformed("a \\u escape that is not four hex digits");
    }
    at += 4;
    return (char) Integer.parseInt(hex, 16);
  }

  private void number() {
    int start = at;
    accept('-');
    if (!accept('0')) {
      digits();
    }
    if (accept('.')) {
      digits();
    }
    if (accept('e') || accept('E')) {
      if (!accept('+')) {
        accept('-');
      }
      digits();
    }
    if (at == start) {
      throw malformed("an unexpected character");
    }
  }

  private void digits() {
    int start = at;
    while (at < text.length() && Character.isDigit(text.charAt(at)) && text.charAt(at) < 128) {
      at++;
    }
    if (at == start) {
      throw malformed("expected a digit");
    }
  }

  private void literal(String word) {
    if (!text.startsWith(word, at)) {
      throw malformed("an unexpected word");
    }
    at += word.length();
  }

  private void skipSpace() {
    while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
  }

  private char peek() {
    return at < text.length() ? text.charAt(at) : '\0';
  }

  private char next(String whatIsWrong) {
    if (at >= text.length()) {
      throw malformed(whatIsWrong);
    }
    return text.charAt(at++);
  }

  private boolean accept(char c) {
    if (peek() == c && at < text.length()) {
      at++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!accept(c)) {
      throw malformed("expected '" + c + "'");
    }
  }

  private void requireEnd() {
    skipSpace();
    if (at != text.length()) {
      throw malformed("text after the end of the JSON value");
    }
  }

  private InvalidInputException malformed(String problem) {
    return new InvalidInputException(
        field, "is not valid JSON: " + problem + " at character " + (at + 1));
  }
}
