/** The {@code hostdb} command line: the operator's tool over {@link dev.hostdb.HostDatabase}. */
package dev.hostdb.cli;
