package org.gwreplay.gwf;

import java.io.IOException;

/**
 * A frame file that does not follow the IGWD frame format (LIGO-T970130): names the structure
 * being read and the byte offset in the file where the problem lies.
 */
public class GwfFormatException extends IOException {

  private final long offset;
  private final String structure;

  public GwfFormatException(String structure, long offset, String problem) {
    super(structure + " at byte " + offset + ": " + problem);
    this.offset = offset;
    this.structure = structure;
  }

  public GwfFormatException(String structure, long offset, String problem, Throwable cause) {
    this(structure, offset, problem);
    initCause(cause);
  }

  /** Byte offset in the file of the problem (or of the structure holding it). */
  public long offset() {
    return offset;
  }

  /** The structure being read: FrHeader, FrVect, FrTOC, ... */
  public String structure() {
    return structure;
  }
}
