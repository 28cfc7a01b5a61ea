/** The host database schema: the Liquibase changelog and the migrator that applies it. */
package dev.hostdb.jdbc.schema;
