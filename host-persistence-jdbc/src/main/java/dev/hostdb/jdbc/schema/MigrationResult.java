package dev.hostdb.jdbc.schema;

import java.util.List;

/**
 * What one call of {@link SchemaMigrator#migrate(java.sql.Connection)} did.
 *
 * @param fromVersion the last applied changeset id before the call, or {@link
 *     SchemaMigrator#NO_VERSION}
 * @param toVersion the last applied changeset id after the call
 * @param appliedChangeSets ids of the changesets this call applied, in the order they ran; empty
 *     when the schema was already up to date
 */
public record MigrationResult(
    String fromVersion, String toVersion, List<String> appliedChangeSets) {

  /** Copies the list so that the result cannot change after it was returned. */
  public MigrationResult {
    appliedChangeSets = List.copyOf(appliedChangeSets);
  }

  /**
   * Tells whether this call changed the schema.
   *
   * @return {@code true} when at least one changeset was applied
   */
  public boolean changed() {
    return !appliedChangeSets.isEmpty();
  }
}
