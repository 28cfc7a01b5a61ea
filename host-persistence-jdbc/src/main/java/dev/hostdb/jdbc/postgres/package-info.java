/** The PostgreSQL adapter: one HikariCP pool, pgjdbc, errors classified by SQLState. */
package dev.hostdb.jdbc.postgres;
