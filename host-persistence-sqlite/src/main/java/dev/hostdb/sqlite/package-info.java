/** The SQLite adapter: one writer connection, parallel readers, WAL, foreign keys enforced. */
package dev.hostdb.sqlite;
