/** Test fixtures and contract suites for the JDBC persistence, shipped in the test-jar. */
package dev.hostdb.jdbc.testing;
