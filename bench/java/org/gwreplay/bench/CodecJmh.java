package org.gwreplay.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.gwreplay.gwf.AdcData;
import org.gwreplay.gwf.Compression;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.gwf.GwfWriter;
import org.gwreplay.gwf.ProcData;
import org.gwreplay.gwf.Vect;
import org.gwreplay.source.DemoSource;
import org.gwreplay.time.GpsTime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cases of {@link CodecBench} under JMH: reading and writing a frame of 16384 Hz float64
 * strain (gzip) and of a quiet int16 ADC channel (zero suppression), each paired with a
 * baseline of plain java.util.zip on the same sample bytes ({@code baseline*} methods, the
 * Deflater level our writer uses). {@link JmhReport} turns JMH's JSON into the Markdown table
 * with the ratios. Run from bench/run through {@code org.openjdk.jmh.Main CodecJmh ...}.
 *
 * <p>Every method returns its result so JMH's blackhole keeps the work from being optimised away.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecJmh {

  /** Seconds of data per frame: 16 s keeps one call at tens of ms, so 1-s iterations hold many calls. */
  @Param("16")
  public int seconds;

  Frame strainFrame;
  byte[] strainFile;
  byte[] strainBytes;
  byte[] strainDeflated;
  Frame adcFrame;
  byte[] adcFile;
  byte[] adcBytes;
  byte[] adcDeflated;

  @Setup
  public void setUp() {
    GpsTime t0 = GpsTime.ofSeconds(1238166016);
    int n = seconds * DemoSource.SAMPLE_RATE;
    double[] strain = new DemoSource(t0.seconds() + 20, seconds).strain("H1", t0.seconds(), n);
    strainFrame = Frame.builder("LHO", t0, seconds)
        .addProcData(ProcData.timeSeries("H1:GDS-CALIB_STRAIN", DemoSource.SAMPLE_RATE, strain)).build();
    strainFile = GwfWriter.toBytes(List.of(strainFrame), Compression.GZIP);
    strainBytes = CodecBench.le(strain);
    strainDeflated = CodecBench.deflate(strainBytes);

    // Same quiet seismometer-like signal as CodecBench: small steps, which zero suppression packs well.
    short[] quiet = new short[n];
    Random r = new Random(1);
    for (int i = 0; i < n; i++) {
      quiet[i] = (short) (2000 + (int) (30 * Math.sin(i / 50.0)) + r.nextInt(9) - 4);
    }
    adcFrame = Frame.builder("LHO", t0, seconds).addAdcData(AdcData.of("H1:PEM-SEIS", DemoSource.SAMPLE_RATE,
        Vect.ofShorts("H1:PEM-SEIS", quiet, 1.0 / DemoSource.SAMPLE_RATE, 0, "counts"))).build();
    adcFile = GwfWriter.toBytes(List.of(adcFrame), Compression.ZERO_SUPPRESS_OTHERWISE_GZIP);
    ByteBuffer b = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(quiet);
    adcBytes = b.array();
    adcDeflated = CodecBench.deflate(adcBytes);
  }

  @Benchmark
  public byte[] writeFloat64Gzip() {
    return GwfWriter.toBytes(List.of(strainFrame), Compression.GZIP);
  }

  @Benchmark
  public byte[] baselineDeflateFloat64() {
    return CodecBench.deflate(strainBytes);
  }

  @Benchmark
  public List<Frame> readFloat64Gzip() throws Exception {
    return GwfReader.read(strainFile);
  }

  @Benchmark
  public byte[] baselineInflateFloat64() throws Exception {
    return CodecBench.inflate(strainDeflated, strainBytes.length);
  }

  @Benchmark
  public byte[] writeInt16ZeroSuppressed() {
    return GwfWriter.toBytes(List.of(adcFrame), Compression.ZERO_SUPPRESS_OTHERWISE_GZIP);
  }

  @Benchmark
  public byte[] baselineDeflateInt16() {
    return CodecBench.deflate(adcBytes);
  }

  @Benchmark
  public List<Frame> readInt16ZeroSuppressed() throws Exception {
    return GwfReader.read(adcFile);
  }

  @Benchmark
  public byte[] baselineInflateInt16() throws Exception {
    return CodecBench.inflate(adcDeflated, adcBytes.length);
  }
}
