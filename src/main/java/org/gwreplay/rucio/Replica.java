package org.gwreplay.rucio;

import java.util.List;

/** One line of {@code /replicas/list}: a file and its PFNs, best first. */
record Replica(DidFile file, List<Pfn> pfns) {

  /** A replica URL; {@code priority} is the server's rank after sorting (1 = best). */
  public record Pfn(String url, String rse, int priority, String domain) {
    public String scheme() {
      int i = url.indexOf("://");
      return i < 0 ? "" : url.substring(0, i).toLowerCase(java.util.Locale.ROOT);
    }
  }
}
