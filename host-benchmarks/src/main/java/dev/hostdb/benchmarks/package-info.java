/** JMH benchmarks that time HostDB and hand-written JDBC side by side on the same database. */
package dev.hostdb.benchmarks;
