package org.gwreplay.rucio;

import java.io.Serializable;

/**
 * A file DID as the catalog describes it.
 *
 * @param bytes size, or -1 when the answer had none
 * @param adler32 eight lower-case hex digits, or null
 * @param md5 32 lower-case hex digits, or null
 */
public record DidFile(String scope, String name, long bytes, String adler32, String md5) implements Serializable {
  public String did() {
    return scope + ":" + name;
  }
}
