/** Ports: what HostDB needs from a database, implemented by the persistence adapters. */
package dev.hostdb.domain.port;
