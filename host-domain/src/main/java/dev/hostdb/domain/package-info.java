/** HostDB's records and value types: users, tenants, memberships, billing state, audit, jobs. */
package dev.hostdb.domain;
