package org.gwreplay.llhoft;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.gwreplay.gwf.Channel;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.gwf.ProcData;
import org.gwreplay.gwf.Vect;
import org.gwreplay.gwf.VectType;
import org.gwreplay.source.DemoSource;
import org.gwreplay.source.SourceFile;
import org.gwreplay.time.Segment;
import org.junit.jupiter.api.Test;

/**
 * The demo lake's frames read back with our codec: the llhoft channel set of each detector with
 * its rates, types and units, and the state and DQ bits as PyCBC Live and gwcelery test them
 * ((value & mask) == mask; gwcelery's bits 0, 1, 5-8; DMT-DQ_VECTOR flags 0 = veto).
 */
class LlhoftChannelsTest {

  private static final long START = 1238166016;
  private static final long CHIRP = START + 16;
  private static final int ANALYSABLE = LlhoftBit.mask("HOFT_OK,SCIENCE_INTENT");

  private final DemoSource demo = DemoSource.parse(
      "demo:chirp=" + CHIRP + ",file=4,nonscience=" + (START + 40) + "+4,off=" + (START + 50) + "+2", CHIRP);

  private Frame frame(String detector, long gps) throws Exception {
    Iterator<SourceFile> files = demo.files(detector, gps, gps + 1);
    SourceFile f = files.next();
    return GwfReader.read(demo.fetch(f)).get(0);
  }

  private static Channel channel(Frame f, String name) {
    return f.channels().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no channel " + name + " in " + f.channels().stream().map(Channel::name).toList()));
  }

  /** The vector's value at {@code gps} (16 Hz samples from the frame start). */
  private static long at(Frame f, String name, double gps) {
    Vect v = channel(f, name).data();
    int i = (int) Math.floor((gps - f.start().seconds()) * 16);
    return (long) v.toDoubles()[i];
  }

  @Test
  void eachDetectorCarriesItsLlhoftChannelsWithRealRatesTypesAndUnits() throws Exception {
    for (String ifo : List.of("H1", "L1", "V1", "K1")) {
      Frame f = frame(ifo, START);
      ChannelSet set = ChannelSet.of(ifo);
      List<String> names = new ArrayList<>(List.of(set.strain(), set.state()));
      set.dq().ifPresent(names::add);
      assertThat(ifo, f.procData().stream().map(ProcData::name).toList(), contains(names.toArray()));
      ProcData strain = (ProcData) channel(f, set.strain());
      assertThat(strain.data().type(), equalTo(VectType.REAL_8));
      assertThat(strain.sampleRate(), equalTo(16384.0));
      assertThat(strain.data().unitY(), equalTo("strain"));
      for (String v : names.subList(1, names.size())) {
        ProcData p = (ProcData) channel(f, v);
        assertThat(v, p.type(), equalTo(ProcData.TIME_SERIES));
        assertThat(v, p.data().type(), equalTo(VectType.INT_4U));
        assertThat(v, p.sampleRate(), equalTo(16.0));
        assertThat(v, p.data().nData(), equalTo(4L * 16));
      }
      assertThat(f.detectProc().get(0).prefix(), equalTo(ifo));
    }
    assertThat(frame("H1", START).detectProc().get(0).name(), equalTo("LHO_4k"));
    assertThat(frame("H1", START).procData().get(0).name(), equalTo("H1:GDS-CALIB_STRAIN"));
    assertThat(frame("V1", START).procData().get(1).name(), equalTo("V1:DQ_ANALYSIS_STATE_VECTOR"));
    assertThat(frame("K1", START).procData().get(1).name(), equalTo("K1:DET-DQ_STATE_VECTOR"));
  }

  @Test
  void stateAndDqVectorsAreGoodInScienceTimeAndBadOutside() throws Exception {
    int gwcelery = LlhoftBit.mask("HOFT_OK,SCIENCE_INTENT,NO_STOCH_HW_INJ,NO_CBC_HW_INJ,NO_BURST_HW_INJ,NO_DETCHAR_HW_INJ");
    for (String ifo : List.of("H1", "L1")) {
      Frame sci = frame(ifo, START + 4);
      long state = at(sci, ifo + ":GDS-CALIB_STATE_VECTOR", START + 5.5);
      assertThat(state & gwcelery, equalTo((long) gwcelery));
      assertThat(state & LlhoftBit.NO_GAP.mask(), equalTo((long) LlhoftBit.NO_GAP.mask()));
      assertThat(at(sci, ifo + ":DMT-DQ_VECTOR", START + 5.5), equalTo((long) LlhoftBit.mask(
          "OMC_DCPD_ADC_OVERFLOW,ETMY_ESD_DAC_OVERFLOW,ETMX_ESD_DAC_OVERFLOW")));
      Frame non = frame(ifo, START + 41);
      assertThat(at(non, ifo + ":GDS-CALIB_STATE_VECTOR", START + 41) & ANALYSABLE, not(equalTo((long) ANALYSABLE)));
      assertThat(at(non, ifo + ":DMT-DQ_VECTOR", START + 41), equalTo(0L));
      // The non-science span ends at START+44: observing again from there, in the same file.
      assertThat(at(frame(ifo, START + 44), ifo + ":GDS-CALIB_STATE_VECTOR", START + 44) & ANALYSABLE, equalTo((long) ANALYSABLE));
    }
    int virgo = LlhoftBit.mask("HOFT_OK,SCIENCE_INTENT,VIRGO_GOOD_DQ");
    assertThat(at(frame("V1", START + 4), "V1:DQ_ANALYSIS_STATE_VECTOR", START + 4) & virgo, equalTo((long) virgo));
    assertThat(at(frame("V1", START + 40), "V1:DQ_ANALYSIS_STATE_VECTOR", START + 42) & virgo, not(equalTo((long) virgo)));
    long k1 = at(frame("K1", START + 4), "K1:DET-DQ_STATE_VECTOR", START + 4);
    assertThat(k1 & LlhoftBit.KAGRA_LOCKED.mask(), equalTo((long) LlhoftBit.KAGRA_LOCKED.mask()));
    assertThat(at(frame("K1", START + 40), "K1:DET-DQ_STATE_VECTOR", START + 42) & LlhoftBit.KAGRA_LOCKED.mask(), equalTo(0L));
  }

  @Test
  void theChirpIsFlaggedAsAHardwareInjectionAtEachSite() throws Exception {
    int cbc = LlhoftBit.NO_CBC_HW_INJ.mask();
    for (String ifo : List.of("H1", "L1", "V1")) {
      String state = ChannelSet.of(ifo).state();
      // Cleared from the chirp's entry into the band (~4.7 s before merger) to just after it.
      assertThat(ifo, at(frame(ifo, CHIRP), state, CHIRP) & cbc, equalTo(0L));
      assertThat(ifo, at(frame(ifo, CHIRP - 4), state, CHIRP - 4) & cbc, equalTo(0L));
      assertThat(ifo, at(frame(ifo, CHIRP - 10), state, CHIRP - 10) & cbc, equalTo((long) cbc));
      assertThat(ifo, at(frame(ifo, CHIRP + 10), state, CHIRP + 10) & cbc, equalTo((long) cbc));
      // Only the injection bit: the detector is observing throughout.
      assertThat(ifo, at(frame(ifo, CHIRP), state, CHIRP) & ANALYSABLE, equalTo((long) ANALYSABLE));
    }
  }

  @Test
  void offSpansHaveNoFilesAndFilesAreSplitAtTheirEdges() {
    List<String> names = new ArrayList<>();
    demo.files("H1", START + 44, START + 56).forEachRemaining(f -> names.add(f.name().toString()));
    assertThat(names, contains("H-H1_llhoft-1238166060-4.gwf", "H-H1_llhoft-1238166064-2.gwf",
        "H-H1_llhoft-1238166068-4.gwf"));
  }

  @Test
  void bitNamesAreCheckedWithAOneLineError() {
    assertThat(LlhoftBit.mask("HOFT_OK,SCIENCE_INTENT,VIRGO_GOOD_DQ"), equalTo(1 | 2 | 1024));
    assertThat(LlhoftBit.mask("NO_GAP"), equalTo(16384));
    assertThat(LlhoftBit.mask("ETMX_ESD_DAC_OVERFLOW"), equalTo(16));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LlhoftBit.mask("HOFT_OK,SCIENCE_INTNET"));
    assertThat(e.getMessage(), containsString("unknown state/DQ vector bit 'SCIENCE_INTNET'"));
    assertThat(e.getMessage().lines().count(), equalTo(1L));
  }

  @Test
  void synthesisFollowsTheScienceSegmentsAndTheDqStyle() {
    StateVectors sv = StateVectors.fromScience(org.gwreplay.time.SegmentList.of(List.of(new Segment(100, 102))),
        Map.of("L1", DqStyle.VIRGO));
    List<ProcData> h1 = sv.vectors("H1", 101, 2);
    assertThat(h1.get(0).data().toInts()[0] & ANALYSABLE, equalTo(ANALYSABLE));
    assertThat(h1.get(0).data().toInts()[16] & ANALYSABLE, not(equalTo(ANALYSABLE)));
    assertThat(h1.get(1).data().toInts()[0], equalTo(ChannelSet.LIGO_DQ_FLAGS));
    assertThat(h1.get(1).data().toInts()[16], equalTo(0));
    List<ProcData> l1 = sv.vectors("L1", 101, 2);
    assertThat(l1.get(1).data().toInts()[0], equalTo(0));
    assertThat(l1.get(1).data().toInts()[16], equalTo(ChannelSet.LIGO_DQ_FLAGS));
    int none = sv.noData("H1", 1).get(0).data().toInts()[0];
    assertThat(none & LlhoftBit.NO_GAP.mask(), equalTo(0));
    assertThat(none & ANALYSABLE, equalTo(0));
  }
}
