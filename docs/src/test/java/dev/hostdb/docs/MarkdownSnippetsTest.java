package dev.hostdb.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownSnippetsTest {

  @Test
  void finds_java_blocks_with_the_line_of_their_opening_fence() {
    String markdown =
        """
        # Title

        ```java
        int a = 1;
        ```
        text
        ```java no-run
        int b = 2;
        int c = 3;
        ```
        """;

    List<Snippet> snippets = MarkdownSnippets.of("guide.md", markdown);

    assertThat(snippets)
        .containsExactly(
            new Snippet("guide.md", 3, List.of("int a = 1;"), true),
            new Snippet("guide.md", 7, List.of("int b = 2;", "int c = 3;"), false));
    assertThat(snippets.get(1).location()).isEqualTo("guide.md:7");
    assertThat(snippets.get(1).closingFenceLine()).isEqualTo(10);
  }

  @Test
  void skips_other_languages_and_java_fences_shown_inside_a_longer_fence() {
    String markdown =
        """
        ```bash
        ./hostdb
        ```
        ````markdown
        ```java
        not a snippet
        ```
        ````
        ~~~java
        int tilde = 1;
        ~~~
        """;

    assertThat(MarkdownSnippets.of("guide.md", markdown))
        .containsExactly(new Snippet("guide.md", 9, List.of("int tilde = 1;"), true));
  }

  @Test
  void rejects_an_unknown_flag_and_an_unclosed_fence_naming_the_line() {
    assertThatThrownBy(() -> MarkdownSnippets.of("guide.md", "\n```java norun\nx();\n```\n"))
        .hasMessageContaining("guide.md:2")
        .hasMessageContaining("norun");
    assertThatThrownBy(() -> MarkdownSnippets.of("guide.md", "```java\nx();\n"))
        .hasMessageContaining("guide.md:1: fence is never closed");
  }
}
