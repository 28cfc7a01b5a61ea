package dev.hostdb.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the fenced {@code java} blocks of Markdown text.
 *
 * <p>Fences of other languages are skipped whole, so a {@code java} fence shown inside a longer
 * {@code markdown} fence is an example, not a snippet. The info string is {@code java}, optionally
 * followed by {@code no-run}; any other word after {@code java} is rejected, so that a misspelt
 * flag fails the build instead of being ignored.
 */
final class MarkdownSnippets {

  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})\\s*(.*?)\\s*$");
  private static final String NO_RUN = "no-run";

  private MarkdownSnippets() {}

  /** The java snippets of one file, named by its path relative to {@code root}. */
  static List<Snippet> of(Path root, Path markdownFile) throws IOException {
    String name = root.relativize(markdownFile).toString().replace('\\', '/');
    return of(name, Files.readString(markdownFile, StandardCharsets.UTF_8));
  }

  /** The java snippets of Markdown text, in order; {@code file} names the text in errors. */
  static List<Snippet> of(String file, String markdown) {
    List<Snippet> snippets = new ArrayList<>();
    String[] lines = markdown.split("\\R", -1);
    int i = 0;
    while (i < lines.length) {
      Matcher open = FENCE.matcher(lines[i]);
      if (!open.matches()) {
        i++;
        continue;
      }

      int fenceLine = i + 1;
      String fence = open.group(1);
      int close = closingFence(lines, i + 1, fence);
      if (close < 0) {
        throw new IllegalArgumentException(file + ":" + fenceLine + ": fence is never closed");
      }

      String[] info = open.group(2).split("\\s+");
      if (info[0].equals("java")) {
        boolean run = runFlag(info, file + ":" + fenceLine);
        snippets.add(new Snippet(file, fenceLine, List.of(lines).subList(i + 1, close), run));
      }
      i = close + 1;
    }
    return snippets;
  }

  /** The index of the line closing {@code fence}: same character, at least as long, no info. */
  private static int closingFence(String[] lines, int from, String fence) {
    for (int i = from; i < lines.length; i++) {
      Matcher m = FENCE.matcher(lines[i]);
      if (m.matches()
          && m.group(2).isEmpty()
          && m.group(1).charAt(0) == fence.charAt(0)
          && m.group(1).length() >= fence.length()) {
        return i;
      }
    }
    return -1;
  }

  private static boolean runFlag(String[] info, String location) {
    boolean run = true;
    for (int i = 1; i < info.length; i++) {
      if (!info[i].equals(NO_RUN)) {
        throw new IllegalArgumentException(
            location + ": unknown flag '" + info[i] + "' after java; the only one is " + NO_RUN);
      }
      run = false;
    }
    return run;
  }
}
