package dev.hostdb.domain;

/**
 * Who is acting and from where, recorded with every audit entry.
 *
 * @param actorId the acting user, or {@link Id#SYSTEM} for HostDB itself; null only where a user
 *     acts on their own record (signing up, signing in), which identity operations record as that
 *     user
 * @param ipAddress the caller's address, or null
 */
public record RequestContext(Id actorId, String ipAddress) {
  public RequestContext {
    Checks.optionalText("ip_address", ipAddress, 45);
  }

  /** HostDB itself acting, from no address. */
  public static RequestContext system() {
    return new RequestContext(Id.SYSTEM, null);
  }

  /** The given actor at the given address; either may be null. */
  public static RequestContext of(Id actor, String ip) {
    return new RequestContext(actor, ip);
  }
}
