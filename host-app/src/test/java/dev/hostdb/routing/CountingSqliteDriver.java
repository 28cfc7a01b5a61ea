package dev.hostdb.routing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the physical SQLite connections opened and still open under one folder, by standing in
 * front of the SQLite driver in {@link DriverManager}: what no pool's own bookkeeping can hide.
 */
final class CountingSqliteDriver implements Driver {
  private final String prefix;
  private final Driver sqlite;
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();

  private CountingSqliteDriver(String prefix, Driver sqlite) {
    this.prefix = prefix;
    this.sqlite = sqlite;
  }

  /** Registers a counter for the SQLite files whose path starts with {@code folder}. */
  static CountingSqliteDriver install(String folder) throws SQLException {
    Driver sqlite = DriverManager.getDriver("jdbc:sqlite:");
    CountingSqliteDriver counting = new CountingSqliteDriver("jdbc:sqlite:" + folder, sqlite);
    // drivers are asked in the order they registered: put the counter first
    DriverManager.deregisterDriver(sqlite);
    DriverManager.registerDriver(counting);
    DriverManager.registerDriver(sqlite);
    return counting;
  }

  void uninstall() throws SQLException {
    DriverManager.deregisterDriver(this);
  }

  int opened() {
    return opened.get();
  }

  int open() {
    return open.get();
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(prefix);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Connection physical = sqlite.connect(url, info);
    opened.incrementAndGet();
    open.incrementAndGet();
    AtomicBoolean closed = new AtomicBoolean();
    return (Connection)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close") && closed.compareAndSet(false, true)) {
                open.decrementAndGet();
              }
              try {
                return method.invoke(physical, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    return sqlite.getPropertyInfo(url, info);
  }

  @Override
  public int getMajorVersion() {
    return sqlite.getMajorVersion();
  }

  @Override
  public int getMinorVersion() {
    return sqlite.getMinorVersion();
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }
}
