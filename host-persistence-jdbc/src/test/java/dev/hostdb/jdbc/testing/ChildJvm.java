package dev.hostdb.jdbc.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A separate JVM on the test class path, for tests that kill a process the way an operator or the
 * OOM killer does: with SIGKILL, no shutdown hooks, no {@code finally}.
 *
 * <p>Secrets such as database URLs go to the child in its environment, never on its command line,
 * where the process list would show them. What the child prints (standard output and error
 * interleaved) is collected line by line, and every failure message carries it.
 */
public final class ChildJvm implements AutoCloseable {
  /** The exit status of a process killed by SIGKILL. */
  public static final int KILLED = 128 + 9;

  private final String name;
  private final Process process;
  private final List<String> output = new ArrayList<>();
  private final Thread reader;

  private ChildJvm(String name, Process process) {
    this.name = name;
    this.process = process;
    reader = new Thread(this::readOutput, name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code main} in a new JVM.
   *
   * @param name names the child in failure messages, such as {@code the migrating process}
   * @param environment variables added to the child's environment
   * @param args the child's arguments
   * @return the running child; close it to kill it
   * @throws IOException when the JVM cannot be started
   */
  public static ChildJvm start(
      String name, Class<?> main, Map<String, String> environment, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-XX:TieredStopAtLevel=1"); // starts faster; a child runs for seconds at most
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    return new ChildJvm(name, builder.start());
  }

  /**
   * Waits until the child printed a line that starts with {@code prefix}.
   *
   * @return that line
   * @throws AssertionError when the child exits or the time runs out first
   */
  public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
    await(() -> line(prefix).isPresent(), "print '" + prefix + "'", timeout);
    return line(prefix).orElseThrow();
  }

  /**
   * Waits until {@code condition} holds, checking it again whenever the child prints a line and at
   * least every 50 ms.
   *
   * @param what what the child should do, for the failure message
   * @throws AssertionError when the child exits or the time runs out first
   */
  public void await(BooleanSupplier condition, String what, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (!process.isAlive()) {
        reader.join(1000); // the last lines of a child that just exited
        if (condition.getAsBoolean()) {
          return;
        }
        throw new AssertionError(
            name
                + " exited with "
                + process.exitValue()
                + " before it did "
                + what
                + ":\n"
                + outputText());
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            name + " did not " + what + " within " + timeout + ":\n" + outputText());
      }
      synchronized (output) {
        output.wait(50);
      }
    }
  }

  /**
   * Fails unless the child still runs.
   *
   * @throws AssertionError with the child's exit status and output when it has exited
   */
  public void assertAlive() {
    if (!process.isAlive()) {
      throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + outputText());
    }
  }

  /**
   * Kills the child with SIGKILL and waits until it is gone.
   *
   * @return its exit status, {@link #KILLED} when the signal ended it
   * @throws AssertionError when it is still there after ten seconds
   */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " survived SIGKILL for ten seconds");
    }
    return process.exitValue();
  }

  /** What the child printed so far, standard output and error interleaved. */
  public String outputText() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** Kills the child if it still runs; never throws. */
  @Override
  public void close() {
    process.destroyForcibly();
  }

  private Optional<String> line(String prefix) {
    synchronized (output) {
      return output.stream().filter(line -> line.startsWith(prefix)).findFirst();
    }
  }

  private void readOutput() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        synchronized (output) {
          output.add(line);
          output.notifyAll();
        }
      }
    } catch (IOException e) {
      // the child was killed; what it printed before is kept
    }
  }
}
