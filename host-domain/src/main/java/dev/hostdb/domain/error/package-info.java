/** The one unchecked error hierarchy that every HostDB operation throws. */
package dev.hostdb.domain.error;
