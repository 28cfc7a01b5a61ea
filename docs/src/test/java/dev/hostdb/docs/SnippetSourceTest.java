package dev.hostdb.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetSourceTest {

  @Test
  void hoists_leading_imports_and_keeps_every_line_on_its_markdown_line() {
    Snippet snippet =
        new Snippet(
            "guide.md",
            3,
            List.of("import java.nio.file.Path;", "", "Path p = Path.of(\"x\");", "p.toString();"),
            true);

    SnippetSource source = SnippetSource.of(snippet);

    List<String> lines = source.text().lines().toList();
    assertThat(source.binaryName()).isEqualTo(SnippetSource.WRAPPER);
    assertThat(lines).hasSize(snippet.closingFenceLine());
    assertThat(lines.subList(0, 2)).containsOnly("");
    assertThat(lines.get(2)).isEqualTo("import java.util.*; import java.time.*;");
    assertThat(lines.get(3)).isEqualTo("import java.nio.file.Path;");
    assertThat(lines.get(5))
        .isEqualTo(
            "final class DocSnippet { static void run() throws Exception {"
                + " Path p = Path.of(\"x\");");
    assertThat(lines.get(6)).isEqualTo("p.toString();");
    assertThat(lines.get(7)).isEqualTo("}}");
  }

  @Test
  void compiles_a_block_declaring_a_top_level_type_as_is_under_its_public_name() {
    List<String> code =
        List.of(
            "package demo;",
            "import java.util.List;",
            "/** A demo. */",
            "record Helper() {}",
            "public final class Demo {",
            "  static void run() {}",
            "}");

    SnippetSource source = SnippetSource.of(new Snippet("guide.md", 1, code, true));

    assertThat(source.binaryName()).isEqualTo("demo.Demo");
    assertThat(source.fileName()).isEqualTo("Demo.java");
    assertThat(source.text().lines().toList()).containsExactly(concat("", code));
  }

  @Test
  void treats_statements_and_indented_local_types_as_a_method_body() {
    assertThat(SnippetSource.declaresType(List.of("import java.util.List;", "var x = 1;")))
        .isFalse();
    assertThat(SnippetSource.declaresType(List.of("  record Point(int x) {}", "new Point(1);")))
        .isFalse();
    assertThat(SnippetSource.declaresType(List.of("@FunctionalInterface", "interface F {}")))
        .isTrue();
  }

  private static String[] concat(String first, List<String> rest) {
    String[] all = new String[rest.size() + 1];
    all[0] = first;
    for (int i = 0; i < rest.size(); i++) {
      all[i + 1] = rest.get(i);
    }
    return all;
  }
}
