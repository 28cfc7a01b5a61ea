/** The host database as an application opens it: configuration, adapter discovery, the facade. */
package dev.hostdb;
