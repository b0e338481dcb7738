package org.gwreplay.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gwreplay.gwf.AdcData;
import org.gwreplay.gwf.Channel;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.GwfFormatException;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.gwf.ProcData;
import org.gwreplay.gwf.Vect;

/**
 * {@code gwreplay inspect FILE|DIR ...}: what frame files hold. A file: its frames, with GPS
 * times, detectors, channels (kind, sample rate, samples, type, unit) and events. A directory:
 * one line per frame file. Exit status 0, or 1 when a file cannot be read (the reason is shown).
 */
final class InspectCommand {

  private InspectCommand() {}

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help")) {
      out.println("usage: gwreplay inspect FILE.gwf|DIRECTORY ...");
      return args.length == 0 ? 2 : 0;
    }
    boolean ok = true;
    for (String a : args) {
      Path p = Paths.get(a);
      try {
        if (Files.isDirectory(p)) {
          ok &= directory(p, out);
        } else {
          file(p, out);
        }
      } catch (GwfFormatException e) {
        err.println("gwreplay inspect: " + e.getMessage());
        ok = false;
      } catch (IOException e) {
        err.println("gwreplay inspect: cannot read " + p + ": " + e.getMessage());
        ok = false;
      }
    }
    return ok ? 0 : 1;
  }

  private static void file(Path p, PrintStream out) throws IOException {
    List<Frame> frames = GwfReader.read(p);
    out.printf("%s: %d frame(s), %d bytes, checksums OK%n", p, frames.size(), Files.size(p));
    for (Frame f : frames) {
      out.printf("  frame %s run %d #%d  GPS %s  +%s s  dataQuality 0x%x%n", f.name(), f.run(), f.frameNumber(), f.start(),
          f.duration(), f.dataQuality());
      f.detectProc().forEach(d -> out.printf("    detector %s (%s)%n", d.name(), d.prefix()));
      for (Channel c : f.channels()) {
        Vect v = c.data();
        String kind = c instanceof AdcData ? "adc " : c instanceof ProcData ? "proc" : "sim ";
        double rate = v.dx() > 0 ? 1 / v.dx() : 0;
        out.printf("    %s %-40s %10.6g Hz %9d x %-7s %s%n", kind, c.name(), rate, v.nData(), v.type(), v.unitY());
      }
      f.serData().forEach(s -> out.printf("    ser  %s at GPS %d: %s%n", s.name(), s.timeSec(), s.data()));
      f.events().forEach(e -> out.printf("    event %s at GPS %s amplitude %g%n", e.name(), e.time(), e.amplitude()));
      f.simEvents().forEach(e -> out.printf("    injection %s at GPS %s amplitude %g%n", e.name(), e.time(), e.amplitude()));
    }
  }

  private static boolean directory(Path dir, PrintStream out) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir, 2)) {
      files = new ArrayList<>(s.filter(x -> x.getFileName().toString().endsWith(".gwf")
          && !x.getFileName().toString().startsWith(".")).sorted().toList());
    }
    boolean ok = true;
    out.printf("%s: %d frame files%n", dir, files.size());
    for (Path p : files) {
      try {
        List<Frame> frames = GwfReader.read(p);
        Frame f = frames.get(0);
        out.printf("  %-50s GPS %s +%s s, %d frame(s), %d channels%n", dir.relativize(p), f.start(),
            frames.size() == 1 ? f.duration() : frames.get(frames.size() - 1).end().totalNanos() / 1e9 - f.start().totalNanos() / 1e9,
            frames.size(), f.channels().size());
      } catch (GwfFormatException e) {
        out.printf("  %-50s CORRUPT: %s at byte %d: %s%n", dir.relativize(p), e.structure(), e.offset(), e.problem());
        ok = false;
      }
    }
    return ok;
  }
}
