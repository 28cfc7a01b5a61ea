package dev.hostdb.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiles every {@code java} snippet of the user documentation, and runs those not marked {@code
 * no-run}: every Markdown file of the docs module and the repository's README.md.
 *
 * <p>The docs module's directory comes from the {@code hostdb.docs.dir} system property, which the
 * module's pom sets to its {@code project.basedir}; the repository root is its parent.
 */
class DocumentationSnippetsTest {

  @TestFactory
  Stream<DynamicTest> every_java_snippet_compiles_and_runs() throws IOException {
    List<Path> files = markdownFiles();
    Path repositoryRoot = docsDir().getParent();
    List<Snippet> snippets = new ArrayList<>();
    for (Path file : files) {
      snippets.addAll(MarkdownSnippets.of(repositoryRoot, file));
    }

    // a docs build that checks nothing must not pass
    assertThat(snippets).as("java snippets in %s", files).isNotEmpty();
    return snippets.stream()
        .map(s -> DynamicTest.dynamicTest(s.location(), () -> SnippetRunner.check(s)));
  }

  private static List<Path> markdownFiles() throws IOException {
    Path docsDir = docsDir();
    List<Path> files = new ArrayList<>();
    Path readme = docsDir.getParent().resolve("README.md");
    if (Files.isRegularFile(readme)) {
      files.add(readme);
    }
    try (Stream<Path> paths = Files.walk(docsDir)) {
      paths
          .filter(p -> !p.startsWith(docsDir.resolve("target")))
          .filter(p -> p.getFileName().toString().endsWith(".md"))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(files::add);
    }
    return files;
  }

  private static Path docsDir() {
    String dir = System.getProperty("hostdb.docs.dir");
    assertThat(dir)
        .as("system property hostdb.docs.dir (set by docs/pom.xml; run the test through Maven)")
        .isNotBlank();
    return Path.of(dir).toAbsolutePath().normalize();
  }
}
