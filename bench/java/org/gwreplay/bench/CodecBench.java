package org.gwreplay.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.gwreplay.gwf.AdcData;
import org.gwreplay.gwf.Compression;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.Frames;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.gwf.GwfWriter;
import org.gwreplay.gwf.ProcData;
import org.gwreplay.gwf.Vect;
import org.gwreplay.source.DemoSource;
import org.gwreplay.time.GpsTime;

/**
 * Frame codec speed, each case beside a baseline on the same payload in the same run: writing and
 * reading 64 s of 16384 Hz float64 strain (gzip) against plain java.util.zip deflate/inflate of
 * its bytes; a quiet 16-bit ADC channel (zero suppression) likewise; cutting the 64-s frame into
 * 1-s frame files against copying the same bytes. MB/s are of uncompressed samples.
 *
 * <pre>java ... org.gwreplay.bench.CodecBench [--quick]</pre>
 */
public final class CodecBench {

  interface Op {
    void run() throws Exception;
  }

  /** Median and 90th percentile seconds of {@code reps} runs (after one warm-up). */
  static double[] time(int reps, Op op) throws Exception {
    op.run();
    double[] t = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      op.run();
      t[i] = (System.nanoTime() - t0) / 1e9;
    }
    return new double[] {Stats.quantile(t, 0.5), Stats.quantile(t, 0.9)};
  }

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    int reps = quick ? 5 : 15;
    GpsTime t0 = GpsTime.ofSeconds(1238166016);
    int seconds = 64;
    double[] strain = new DemoSource(t0.seconds() + 20, seconds).strain("H1", t0.seconds(), seconds * DemoSource.SAMPLE_RATE);
    Frame hoft = Frame.builder("LHO", t0, seconds).addProcData(ProcData.timeSeries("H1:GDS-CALIB_STRAIN", DemoSource.SAMPLE_RATE, strain)).build();
    short[] quiet = new short[seconds * DemoSource.SAMPLE_RATE];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < quiet.length; i++) {
      quiet[i] = (short) (2000 + (int) (30 * Math.sin(i / 50.0)) + r.nextInt(9) - 4);
    }
    Frame adc = Frame.builder("LHO", t0, seconds).addAdcData(AdcData.of("H1:PEM-SEIS", DemoSource.SAMPLE_RATE,
        Vect.ofShorts("H1:PEM-SEIS", quiet, 1.0 / DemoSource.SAMPLE_RATE, 0, "counts"))).build();

    byte[] strainBytes = le(strain);
    ByteBuffer qb = ByteBuffer.allocate(quiet.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    qb.asShortBuffer().put(quiet);
    byte[] quietBytes = qb.array();
    System.out.println("| case | payload MB | median s | p90 s | MB/s | baseline | baseline MB/s | ratio |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (Object[] c : new Object[][] {{"float64 strain, gzip", hoft, Compression.GZIP, strainBytes},
        {"int16 ADC, zero suppression", adc, Compression.ZERO_SUPPRESS_OTHERWISE_GZIP, quietBytes}}) {
      String name = (String) c[0];
      Frame f = (Frame) c[1];
      Compression comp = (Compression) c[2];
      byte[] payload = (byte[]) c[3];
      double mb = payload.length / 1e6;
      byte[] file = GwfWriter.toBytes(List.of(f), comp);
      byte[] deflated = deflate(payload);
      double[] write = time(reps, () -> GwfWriter.toBytes(List.of(f), comp));
      double[] deflate = time(reps, () -> deflate(payload));
      double[] read = time(reps, () -> GwfReader.read(file));
      double[] inflate = time(reps, () -> inflate(deflated, payload.length));
      System.out.println(Stats.row("write " + name, mb, write[0], write[1], mb / write[0], "Deflater(1)", mb / deflate[0], deflate[0] / write[0]));
      System.out.println(Stats.row("read " + name, mb, read[0], read[1], mb / read[0], "Inflater", mb / inflate[0], inflate[0] / read[0]));
    }
    double mb = strainBytes.length / 1e6;
    double[] cut = time(Math.max(3, reps / 3), () -> {
      List<byte[]> out = new ArrayList<>();
      for (int k = 0; k < seconds; k++) {
        out.add(GwfWriter.toBytes(List.of(Frames.cut(List.of(hoft), t0.plusSeconds(k), t0.plusSeconds(k + 1))), Compression.GZIP));
      }
    });
    double[] copy = time(reps, () -> {
      byte[] dst = new byte[strainBytes.length];
      for (int k = 0; k < seconds; k++) {
        int n = strainBytes.length / seconds;
        System.arraycopy(strainBytes, k * n, dst, k * n, n);
      }
    });
    System.out.println(Stats.row("cut 64 s into 1-s gzip files", mb, cut[0], cut[1], mb / cut[0], "byte copy", mb / copy[0], copy[0] / cut[0]));
    System.out.println();
    System.out.printf("Cutting %d s of 16384 Hz data took %.2f s on one core: %.0fx faster than real time.%n",
        seconds, cut[0], seconds / cut[0]);
  }

  static byte[] le(double[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(v);
    return b.array();
  }

  static byte[] deflate(byte[] data) {
    Deflater d = new Deflater(1);
    d.setInput(data);
    d.finish();
    byte[] buf = new byte[data.length + 1024];
    int n = 0;
    while (!d.finished()) {
      n += d.deflate(buf, n, buf.length - n);
    }
    d.end();
    return java.util.Arrays.copyOf(buf, n);
  }

  static byte[] inflate(byte[] data, int size) throws Exception {
    Inflater i = new Inflater();
    i.setInput(data);
    byte[] out = new byte[size];
    int n = 0;
    while (n < size && !i.finished()) {
      n += i.inflate(out, n, size - n);
    }
    i.end();
    return out;
  }
}
