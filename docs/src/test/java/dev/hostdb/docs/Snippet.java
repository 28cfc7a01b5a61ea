package dev.hostdb.docs;

import java.util.List;

/**
 * One fenced {@code java} block of a Markdown file.
 *
 * @param file the Markdown file, relative to the repository root, as shown in test names
 * @param fenceLine the 1-based line of the opening fence; the code starts on the next line
 * @param lines the code between the fences
 * @param run false for a block fenced as {@code java no-run}: compiled but not run
 */
record Snippet(String file, int fenceLine, List<String> lines, boolean run) {

  Snippet {
    lines = List.copyOf(lines);
  }

  /** Where the snippet starts, as {@code file.md:line}. */
  String location() {
    return file + ":" + fenceLine;
  }

  /** The 1-based Markdown line of the closing fence. */
  int closingFenceLine() {
    return fenceLine + lines.size() + 1;
  }
}
