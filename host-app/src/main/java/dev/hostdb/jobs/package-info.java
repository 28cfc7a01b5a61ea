/**
 * Workers for the durable job queue: a {@link dev.hostdb.jobs.JobRunner} claims due jobs of the
 * types it has handlers for, runs them on its threads under leases it keeps alive, and completes,
 * retries or fails them.
 */
package dev.hostdb.jobs;
