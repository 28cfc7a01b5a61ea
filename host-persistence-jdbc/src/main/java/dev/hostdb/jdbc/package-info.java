/** The repositories written once on Spring JDBC, shared by the PostgreSQL and SQLite adapters. */
package dev.hostdb.jdbc;
