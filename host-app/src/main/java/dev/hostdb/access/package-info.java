/**
 * Access decisions: who may enter which tenant with which role, and the cache that answers fast.
 */
package dev.hostdb.access;
