package dev.hostdb.domain;

/**
 * Who is acting and from where, recorded with every audit entry.
 *
 * @param actorId the acting user, or {@link Id#SYSTEM} for HostDB itself
 * @param ipAddress the caller's address, or null
 */
public record RequestContext(Id actorId, String ipAddress) {
  public RequestContext {
    Checks.optionalText("ip_address", ipAddress, 45);
  }

  /** HostDB itself, acting from no address. */
  public static RequestContext system() {
    return new RequestContext(Id.SYSTEM, null);
  }

  /** The given actor at the given address. */
  public static RequestContext of(Id actor, String ip) {
    return new RequestContext(actor, ip);
  }
}
