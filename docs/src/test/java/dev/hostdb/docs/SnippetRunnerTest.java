package dev.hostdb.docs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetRunnerTest {

  @Test
  void a_compile_error_fails_with_javacs_diagnostic_on_the_markdown_line() {
    Snippet snippet = new Snippet("guide.md", 4, List.of("int a = 1;", "undefinedName();"), true);

    assertThatThrownBy(() -> SnippetRunner.check(snippet))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("guide.md:4: java snippet does not compile")
        .hasMessageContaining("guide.md:6: error: cannot find symbol")
        .hasMessageContaining("undefinedName();");
  }

  @Test
  void a_snippet_that_throws_fails_naming_its_location() {
    Snippet snippet =
        new Snippet("guide.md", 1, List.of("throw new IllegalStateException(\"boom\");"), true);

    assertThatThrownBy(() -> SnippetRunner.check(snippet))
        .hasMessageContaining("guide.md:1: java snippet threw")
        .hasRootCauseMessage("boom");
  }

  @Test
  void a_no_run_snippet_is_compiled_but_not_run() {
    Snippet snippet =
        new Snippet("guide.md", 1, List.of("throw new IllegalStateException(\"boom\");"), false);

    assertThatCode(() -> SnippetRunner.check(snippet)).doesNotThrowAnyException();
  }

  @Test
  void a_declared_class_runs_through_its_main_method() {
    List<String> code =
        List.of(
            "public class Demo {",
            "  public static void main(String[] args) {",
            "    throw new IllegalStateException(\"main ran\");",
            "  }",
            "}");

    assertThatThrownBy(() -> SnippetRunner.check(new Snippet("guide.md", 1, code, true)))
        .hasRootCauseMessage("main ran");
  }

  @Test
  void a_declared_class_without_an_entry_point_must_be_marked_no_run() {
    Snippet snippet = new Snippet("guide.md", 1, List.of("record Point(int x) {}"), true);

    assertThatThrownBy(() -> SnippetRunner.check(snippet))
        .hasMessageContaining("no static run() or main(String[])")
        .hasMessageContaining("java no-run");
  }
}
