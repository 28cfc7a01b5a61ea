package dev.hostdb.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles a snippet against the test class path, and runs it unless it is marked {@code no-run}.
 *
 * <p>Warnings about deprecated, unchecked and raw-type code fail the compilation: the docs must not
 * teach what the compiler warns about.
 */
final class SnippetRunner {

  private static final List<String> LINT = List.of("-Xlint:deprecation,unchecked,rawtypes");

  private SnippetRunner() {}

  /**
   * Compiles {@code snippet} and, if it is to run, calls its {@code static run()} or {@code
   * main(String[])}.
   *
   * @throws AssertionError naming the snippet and carrying javac's diagnostics if it does not
   *     compile, or carrying what it threw if it fails when run
   */
  static void check(Snippet snippet) throws Exception {
    SnippetSource source = SnippetSource.of(snippet);
    Path classes = Files.createTempDirectory("hostdb-snippet");
    try {
      compile(snippet, source, classes);
      if (snippet.run()) {
        run(snippet, source, classes);
      }
    } finally {
      deleteRecursively(classes);
    }
  }

  private static void compile(Snippet snippet, SnippetSource source, Path classes) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no Java compiler: run the docs build on a JDK, not a JRE");
    }

    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options = new ArrayList<>(LINT);
    options.addAll(
        List.of(
            "-Werror",
            "-proc:none",
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            classes.toString()));
    boolean compiled =
        javac
            .getTask(null, null, diagnostics, options, null, List.of(new InMemorySource(source)))
            .call();

    if (!compiled) {
      throw new AssertionError(
          snippet.location() + ": java snippet does not compile\n" + format(snippet, diagnostics));
    }
  }

  private static void run(Snippet snippet, SnippetSource source, Path classes) throws Exception {
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, SnippetRunner.class.getClassLoader())) {
      Class<?> type = loader.loadClass(source.binaryName());
      Method entry = entryPoint(snippet, type);
      entry.setAccessible(true);
      Object[] args = entry.getParameterCount() == 0 ? new Object[0] : new Object[] {new String[0]};
      entry.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(
          snippet.location() + ": java snippet threw " + e.getCause(), e.getCause());
    }
  }

  private static Method entryPoint(Snippet snippet, Class<?> type) {
    for (Method method : type.getDeclaredMethods()) {
      boolean isStatic = Modifier.isStatic(method.getModifiers());
      boolean isRun = method.getName().equals("run") && method.getParameterCount() == 0;
      boolean isMain =
          method.getName().equals("main")
              && List.of(method.getParameterTypes()).equals(List.of(String[].class));
      if (isStatic && (isRun || isMain)) {
        return method;
      }
    }
    throw new AssertionError(
        snippet.location()
            + ": "
            + type.getSimpleName()
            + " has no static run() or main(String[]) to run; fence it as 'java no-run'"
            + " if it is only meant to compile");
  }

  /** One line per diagnostic, as {@code file.md:line: kind: message}, with the offending code. */
  private static String format(Snippet snippet, DiagnosticCollector<JavaFileObject> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      long line = d.getLineNumber();
      String kind = d.getKind().toString().toLowerCase(Locale.ROOT);
      out.append(line == Diagnostic.NOPOS ? snippet.file() : snippet.file() + ":" + line)
          .append(": ")
          .append(kind)
          .append(": ")
          .append(d.getMessage(Locale.ROOT))
          .append('\n');
      int index = (int) line - snippet.fenceLine() - 1;
      if (index >= 0 && index < snippet.lines().size()) {
        out.append("    ").append(snippet.lines().get(index).strip()).append('\n');
      }
    }
    return out.toString();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(SnippetRunner::delete);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A source file held in memory, named as javac requires for its public type. */
  private static final class InMemorySource extends SimpleJavaFileObject {
    private final String text;

    InMemorySource(SnippetSource source) {
      super(URI.create("string:///" + source.fileName()), Kind.SOURCE);
      this.text = source.text();
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return text;
    }
  }
}
