package org.gwreplay.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gwreplay.gwf.Compression;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.GwfWriter;
import org.gwreplay.gwf.ProcData;
import org.gwreplay.rucio.FaultyStorage;
import org.gwreplay.rucio.RucioTestLake;
import org.gwreplay.time.GpsTime;

/**
 * Puts a {@link FaultPlan} into a lake on loopback: each archive file is written as real GWF
 * (synthetic strain, low-latency compression), its healthy copies are stored on the xrootd
 * storage element (one file, hard-linked for further RSEs), a bit-flipped copy is stored where
 * the plan has one, the other sick replicas point at {@link FaultyStorage}, and the catalog lists
 * them all in the plan's priority order.
 */
final class SoakLake {

  private SoakLake() {}

  /** Registers every planned file; returns the bytes stored on the storage element. */
  static long build(FaultPlan plan, SoakStrain strain, RucioTestLake lake, FaultyStorage faulty) throws Exception {
    long stored = 0;
    for (FaultPlan.FileFaults f : plan.files()) {
      String name = f.name().toString();
      byte[] bytes = encode(f, strain);
      String primary = null;
      int healthy = 0;
      Map<String, String> replicas = new LinkedHashMap<>();
      for (FaultPlan.Kind k : f.replicas()) {
        switch (k) {
          case OK -> {
            // The first healthy copy is stored; later ones are other RSEs' copies of the same bytes.
            String rse = "XRD_" + (char) ('A' + healthy++);
            if (primary == null) {
              primary = f.detector() + "/" + name;
              replicas.put(lake.storeUnregistered(primary, bytes), rse);
              stored += bytes.length;
            } else {
              replicas.put(lake.linkCopy(primary, rse), rse);
            }
          }
          case BITFLIP -> {
            byte[] flipped = bytes.clone();
            flipped[flipped.length / 3] ^= 0x10;
            replicas.put(lake.storeUnregistered(k.rse() + "/" + name, flipped), k.rse());
            stored += bytes.length;
          }
          default -> replicas.put(faulty.url(faultyPath(k), bytes.length, name), k.rse());
        }
      }
      lake.registerWithReplicas(name, bytes, replicas);
    }
    return stored;
  }

  /** The archive file's bytes: one frame holding the strain channel over the file's span. */
  static byte[] encode(FaultPlan.FileFaults f, SoakStrain strain) {
    int seconds = (int) f.name().duration();
    double[] h = strain.span(f.detector(), f.name().gpsStart(), seconds);
    Frame frame = Frame.builder(f.detector().startsWith("V") ? "Virgo" : "LIGO", GpsTime.ofSeconds(f.name().gpsStart()), seconds)
        .addProcData(ProcData.timeSeries(SoakStrain.channel(f.detector()), strain.rate(), h))
        .build();
    return GwfWriter.toBytes(List.of(frame), Compression.lowLatencyDefault());
  }

  /** FaultyStorage's URL prefix for a sick kind. */
  private static String faultyPath(FaultPlan.Kind k) {
    return switch (k) {
      case HTTP_500 -> "500";
      case SHORT -> "short";
      case CORRUPT -> "corrupt";
      case STALL -> "stall";
      case HANG -> "hang";
      default -> throw new IllegalArgumentException("not served by FaultyStorage: " + k);
    };
  }
}
