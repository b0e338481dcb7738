package org.gwreplay.gwf;

import java.io.IOException;

/**
 * A frame file that does not follow the IGWD frame format (LIGO-T970130): names the structure
 * being read and the byte offset in the file where the problem lies (and the file, when known).
 */
public class GwfFormatException extends IOException {

  private final long offset;
  private final String structure;
  private final String problem;
  private final String file;

  public GwfFormatException(String structure, long offset, String problem) {
    this(null, structure, offset, problem);
  }

  public GwfFormatException(String structure, long offset, String problem, Throwable cause) {
    this(null, structure, offset, problem);
    initCause(cause);
  }

  private GwfFormatException(String file, String structure, long offset, String problem) {
    super((file == null ? "" : file + ": ") + structure + " at byte " + offset + ": " + problem);
    this.file = file;
    this.structure = structure;
    this.offset = offset;
    this.problem = problem;
  }

  /** The same error, naming the file it was found in. */
  public GwfFormatException inFile(String fileName) {
    GwfFormatException e = new GwfFormatException(fileName, structure, offset, problem);
    e.initCause(this);
    return e;
  }

  /** Byte offset in the file of the problem (or of the structure holding it). */
  public long offset() {
    return offset;
  }

  /** The structure being read: FrHeader, FrVect, FrTOC, ... */
  public String structure() {
    return structure;
  }

  /** What is wrong, without the structure and offset. */
  public String problem() {
    return problem;
  }
}
