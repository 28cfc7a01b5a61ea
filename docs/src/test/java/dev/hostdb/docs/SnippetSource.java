package dev.hostdb.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java compilation unit made from a snippet.
 *
 * <p>A snippet whose code (after its imports) begins with a class, record, interface or enum
 * declaration is compiled as is. Any other snippet is a list of statements: its leading {@code
 * import} lines stay imports, and the rest becomes the body of {@code static void run() throws
 * Exception} in a generated class, which also imports {@link #DEFAULT_IMPORTS}.
 *
 * <p>Line <i>n</i> of the generated source is line <i>n</i> of the Markdown file: the generated
 * declarations share lines with the fences and the first statement. So javac's diagnostics and the
 * snippet's stack traces give Markdown line numbers.
 *
 * @param binaryName the class to load and run
 * @param fileName the source file name javac expects
 * @param text the source
 */
record SnippetSource(String binaryName, String fileName, String text) {

  /** Packages every statement snippet may use without importing them; JDK only, always present. */
  static final List<String> DEFAULT_IMPORTS = List.of("java.util.*", "java.time.*");

  /** The name of the class generated around statement snippets. */
  static final String WRAPPER = "DocSnippet";

  private static final Pattern TOP_LEVEL_TYPE =
      Pattern.compile(
          "^((?:(?:public|final|abstract|sealed|non-sealed|static|strictfp)\\s+)*)"
              + "(?:class|record|interface|enum)\\s+([A-Za-z_$][\\w$]*)");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;");
  private static final Pattern ANNOTATION_ONLY = Pattern.compile("^@[\\w.]+(\\(.*\\))?$");

  /** The source for {@code snippet}. */
  static SnippetSource of(Snippet snippet) {
    return declaresType(snippet.lines()) ? asIs(snippet) : wrapped(snippet);
  }

  /**
   * Whether the first line that is not an import, package, comment or annotation declares a
   * top-level type, which starts in the first column (an indented one is a local class).
   */
  static boolean declaresType(List<String> lines) {
    for (String line : lines) {
      String code = line.strip();
      boolean preamble =
          code.isEmpty()
              || code.startsWith("import ")
              || code.startsWith("package ")
              || code.startsWith("//")
              || code.startsWith("/*")
              || code.startsWith("*")
              || ANNOTATION_ONLY.matcher(code).matches();
      if (!preamble) {
        return TOP_LEVEL_TYPE.matcher(line).find();
      }
    }
    return false;
  }

  /** The number of leading lines hoisted out of a statement snippet: blank and import lines. */
  static int importLines(List<String> lines) {
    int n = 0;
    while (n < lines.size()
        && (lines.get(n).isBlank() || lines.get(n).strip().startsWith("import "))) {
      n++;
    }
    return n;
  }

  private static SnippetSource asIs(Snippet snippet) {
    String packagePrefix = "";
    String typeName = null;
    for (String line : snippet.lines()) {
      Matcher pkg = PACKAGE.matcher(line);
      Matcher type = TOP_LEVEL_TYPE.matcher(line);
      if (pkg.find()) {
        packagePrefix = pkg.group(1) + ".";
      } else if (type.find() && (typeName == null || type.group(1).contains("public"))) {
        // the public type names the file; without one, the first type will do
        typeName = type.group(2);
      }
    }

    List<String> out = blankLines(snippet.fenceLine());
    out.addAll(snippet.lines());
    return new SnippetSource(packagePrefix + typeName, typeName + ".java", String.join("\n", out));
  }

  private static SnippetSource wrapped(Snippet snippet) {
    List<String> lines = snippet.lines();
    String header = "final class " + WRAPPER + " { static void run() throws Exception { ";
    int body = importLines(lines);

    List<String> out = blankLines(snippet.fenceLine() - 1);
    out.add(importDeclarations());
    out.addAll(lines.subList(0, body));
    if (body < lines.size()) {
      out.add(header + lines.get(body));
      out.addAll(lines.subList(body + 1, lines.size()));
      out.add("}}");
    } else {
      out.add(header + "}}");
    }
    return new SnippetSource(WRAPPER, WRAPPER + ".java", String.join("\n", out));
  }

  private static String importDeclarations() {
    StringBuilder imports = new StringBuilder();
    for (String name : DEFAULT_IMPORTS) {
      imports.append("import ").append(name).append("; ");
    }
    return imports.toString().strip();
  }

  private static List<String> blankLines(int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add("");
    }
    return lines;
  }
}
