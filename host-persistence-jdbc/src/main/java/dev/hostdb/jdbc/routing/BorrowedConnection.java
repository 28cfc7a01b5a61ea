package dev.hostdb.jdbc.routing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pooled connection that tells its {@link TenantPool} when it is closed, exactly once, so that a
 * retired pool knows when it may close.
 */
final class BorrowedConnection implements InvocationHandler {
  private final Connection delegate;
  private final TenantPool pool;
  private final AtomicBoolean closed = new AtomicBoolean();

  private BorrowedConnection(Connection delegate, TenantPool pool) {
    this.delegate = delegate;
    this.pool = pool;
  }

  static Connection wrap(Connection delegate, TenantPool pool) {
    return (Connection)
        Proxy.newProxyInstance(
            BorrowedConnection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new BorrowedConnection(delegate, pool));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "close":
        if (method.getParameterCount() == 0) {
          close();
          return null;
        }
        break;
      case "isClosed":
        if (method.getParameterCount() == 0) {
          return closed.get() || delegate.isClosed();
        }
        break;
      case "equals":
        if (method.getParameterCount() == 1) {
          return proxy == args[0];
        }
        break;
      case "hashCode":
        if (method.getParameterCount() == 0) {
          return System.identityHashCode(proxy);
        }
        break;
      case "toString":
        if (method.getParameterCount() == 0) {
          return "TenantConnection[tenant="
              + pool.tenantId()
              + (closed.get() ? ", closed" : "")
              + "]";
        }
        break;
      default:
        break;
    }
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private void close() throws java.sql.SQLException {
    if (closed.compareAndSet(false, true)) {
      try {
        delegate.close();
      } finally {
        pool.release();
      }
    }
  }
}
