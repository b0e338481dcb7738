package org.gwreplay.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One Kafka message of a frame file in the IGWN low-latency wire format (igwn-lldd-common's
 * frame2kafka / kafka2frame): an ASCII header, a NUL byte, then a slice of the file:
 *
 * <pre>PART,part_id=%012d,part_num=%012d,part_tot=%012d,evt_id=%012d,evt_len=%012d,part_off=%012d,part_len=%012d\0</pre>
 *
 * part_id numbers the frames a producer sends (one id for all parts of a frame), part_num counts
 * from 0 to part_tot - 1, evt_id is the frame's GPS start, evt_len the whole file's length,
 * part_off and part_len the slice's place in it.
 */
public record FramePart(long partId, long partNum, long partTot, long evtId, long evtLen, long partOff, byte[] chunk) {

  /** frame2kafka's default split (its --split-bytes). */
  public static final int DEFAULT_PART_BYTES = 100_000;
  /** Longer than any header we accept; a message with no NUL within it is not a part. */
  private static final int MAX_HEADER = 512;

  /** Splits a frame file into messages the way frame2kafka does. */
  public static List<byte[]> split(byte[] frame, long evtId, long partId, int partBytes) {
    if (partBytes <= 0) {
      throw new IllegalArgumentException("part size must be positive: " + partBytes);
    }
    int total = Math.max(1, (frame.length + partBytes - 1) / partBytes);
    List<byte[]> out = new ArrayList<>(total);
    for (int n = 0; n < total; n++) {
      int off = n * partBytes;
      int len = Math.min(partBytes, frame.length - off);
      byte[] header = String.format("PART,part_id=%012d,part_num=%012d,part_tot=%012d,evt_id=%012d,evt_len=%012d,part_off=%012d,part_len=%012d",
          partId, n, total, evtId, frame.length, off, len).getBytes(StandardCharsets.US_ASCII);
      byte[] msg = new byte[header.length + 1 + len];
      System.arraycopy(header, 0, msg, 0, header.length);
      System.arraycopy(frame, off, msg, header.length + 1, len);
      out.add(msg);
    }
    return out;
  }

  /**
   * Reads a message. Throws IllegalArgumentException saying why when it is not a frame part:
   * no header, a missing or non-numeric field, or a slice that does not fit the frame.
   */
  public static FramePart parse(byte[] message) {
    if (message == null) {
      throw new IllegalArgumentException("empty message (no value)");
    }
    int nul = -1;
    for (int i = 0; i < Math.min(message.length, MAX_HEADER); i++) {
      if (message[i] == 0) {
        nul = i;
        break;
      }
    }
    if (nul < 0) {
      throw new IllegalArgumentException("no PART header (no NUL byte within the first " + MAX_HEADER + " bytes)");
    }
    String header = new String(message, 0, nul, StandardCharsets.US_ASCII);
    if (!header.startsWith("PART,")) {
      throw new IllegalArgumentException("the header does not start with PART: '" + printable(header) + "'");
    }
    long[] v = {-1, -1, -1, -1, -1, -1, -1};
    List<String> names = List.of("part_id", "part_num", "part_tot", "evt_id", "evt_len", "part_off", "part_len");
    for (String field : header.substring(5).split(",")) {
      String[] kv = field.split("=", 2);
      int i = names.indexOf(kv[0]);
      if (i < 0 || kv.length != 2) {
        continue; // frame2kafka's reader ignores unknown fields too
      }
      if (kv[1].isEmpty() || !kv[1].chars().allMatch(Character::isDigit) || kv[1].length() > 18) {
        throw new IllegalArgumentException("header field " + kv[0] + " is not a number: '" + printable(kv[1]) + "'");
      }
      v[i] = Long.parseLong(kv[1]);
    }
    for (int i = 0; i < 4; i++) {
      if (v[i] < 0) {
        throw new IllegalArgumentException("the header has no " + names.get(i) + ": '" + printable(header) + "'");
      }
    }
    byte[] chunk = Arrays.copyOfRange(message, nul + 1, message.length);
    if (v[2] == 0 || v[1] >= v[2]) {
      throw new IllegalArgumentException("part_num " + v[1] + " is not below part_tot " + v[2]);
    }
    if (v[6] >= 0 && v[6] != chunk.length) {
      throw new IllegalArgumentException("part_len says " + v[6] + " bytes, the message carries " + chunk.length);
    }
    if (v[4] >= 0 && v[5] >= 0 && v[5] + chunk.length > v[4]) {
      throw new IllegalArgumentException("the slice at " + v[5] + " (+" + chunk.length + ") lies beyond evt_len " + v[4]);
    }
    return new FramePart(v[0], v[1], v[2], v[3], v[4], v[5], chunk);
  }

  private static String printable(String s) {
    String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return t.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
