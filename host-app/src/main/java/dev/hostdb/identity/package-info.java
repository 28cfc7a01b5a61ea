/** Identity: registering users, signing them in, their passwords and whether they may sign in. */
package dev.hostdb.identity;
