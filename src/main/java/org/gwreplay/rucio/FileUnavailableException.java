package org.gwreplay.rucio;

import java.io.IOException;
import java.util.List;

/**
 * No replica of a file could be fetched intact. The message names the file and each replica's
 * reason (URLs without their query, which may hold a signature); the caller reports a gap.
 */
public class FileUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String did;
  private final List<String> reasons;

  public FileUnavailableException(String did, List<String> reasons) {
    super("no intact replica of " + did + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons)));
    this.did = did;
    this.reasons = List.copyOf(reasons);
  }

  public String did() {
    return did;
  }

  /** One entry per replica tried (or why none could be). */
  public List<String> reasons() {
    return reasons;
  }
}
