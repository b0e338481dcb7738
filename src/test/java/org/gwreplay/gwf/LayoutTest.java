package org.gwreplay.gwf;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gwreplay.gwf.FrameInput.Pointer;
import org.junit.jupiter.api.Test;

class LayoutTest {

  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  @Test
  void everyStructureWrittenIsExactlyWhatTheFilesOwnDictionaryDescribes() {
    byte[] f = GwfWriter.toBytes(List.of(GwfCodecTest.richFrame(GwfCodecTest.T0, 1),
        GwfCodecTest.richFrame(GwfCodecTest.T0.plusSeconds(1), 2)), Compression.GZIP);
    ByteBuffer b = ByteBuffer.wrap(f).order(LE);
    Map<Integer, List<String[]>> dictionary = new HashMap<>();
    List<String[]> described = null;
    List<Integer> walked = new ArrayList<>();
    for (GwfSurgery.Struct s : GwfSurgery.structures(f)) {
      b.position(s.offset() + 14);
      if (s.cls() == Dictionary.FR_SH) {
        string(b);
        described = new ArrayList<>();
        dictionary.put(b.getShort() & 0xffff, described);
      } else if (s.cls() == Dictionary.FR_SE) {
        described.add(new String[] {string(b), string(b)});
      } else {
        walk(b, dictionary.get(s.cls()));
        assertThat(Dictionary.name(s.cls()) + " at " + s.offset() + " ends where its dictionary says",
            b.position(), equalTo(s.offset() + s.length()));
        walked.add(s.cls());
      }
    }
    assertThat(walked, hasItems(Dictionary.FRAME_H, Dictionary.FR_DETECTOR, Dictionary.FR_HISTORY,
        Dictionary.FR_RAW_DATA, Dictionary.FR_ADC_DATA, Dictionary.FR_SER_DATA, Dictionary.FR_PROC_DATA,
        Dictionary.FR_SIM_DATA, Dictionary.FR_EVENT, Dictionary.FR_SIM_EVENT, Dictionary.FR_VECT,
        Dictionary.FR_END_OF_FRAME, Dictionary.FR_TOC, Dictionary.FR_END_OF_FILE));
  }

  /** Steps over one structure's elements as the test reads the dictionary, not as the codec does. */
  private static void walk(ByteBuffer b, List<String[]> elements) {
    Map<String, Long> values = new HashMap<>();
    for (String[] e : elements) {
      String type = e[1];
      int bracket = type.indexOf('[');
      String base = bracket < 0 ? type : type.substring(0, bracket);
      long n = 1;
      if (bracket >= 0) {
        for (String c : type.substring(bracket + 1, type.length() - 1).split("\\]\\[")) {
          n *= c.chars().allMatch(Character::isDigit) ? Long.parseLong(c) : values.get(c);
        }
      }
      for (long i = 0; i < n; i++) {
        switch (base) {
          case "INT_2U", "INT_2S" -> values.put(e[0], (long) (b.getShort() & 0xffff));
          case "INT_4U", "INT_4S" -> values.put(e[0], b.getInt() & 0xffffffffL);
          case "INT_8U", "INT_8S" -> values.put(e[0], b.getLong());
          case "REAL_4" -> b.getFloat();
          case "REAL_8" -> b.getDouble();
          case "STRING" -> string(b);
          case "CHAR" -> b.get();
          default -> {
            assertThat(type, base.startsWith("PTR_STRUCT("), equalTo(true));
            b.position(b.position() + 6);
          }
        }
      }
    }
  }

  private static String string(ByteBuffer b) {
    byte[] s = new byte[b.getShort() & 0xffff];
    b.get(s);
    return new String(s, 0, Math.max(0, s.length - 1), StandardCharsets.UTF_8);
  }

  @Test
  void aValueOfAnotherTypeIsRefusedNamingTheElement() {
    FrameOutput o = new FrameOutput(LE, FrHistory.LAYOUT).string("gwreplay");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> o.string("late"));
    assertThat(e.getMessage(), equalTo("FrHistory.time is INT_4U, not STRING"));
  }

  @Test
  void anElementLeftOutIsRefusedWhenTheBodyIsTaken() {
    FrameOutput o = new FrameOutput(LE, FrHistory.LAYOUT).string("gwreplay").i32(5).string("comment");
    IllegalStateException e = assertThrows(IllegalStateException.class, o::toByteArray);
    assertThat(e.getMessage(), equalTo("FrHistory.next was left out"));
    assertThat(o.pointer(Pointer.NONE).toByteArray().length, equalTo((2 + 9) + 4 + (2 + 8) + 6));
  }

  @Test
  void anArrayTakesAsManyValuesAsItsCountAndAnEmptyOneNone() {
    FrameOutput o = new FrameOutput(LE, FrProcData.LAYOUT).string("p").string("").u16(1).u16(0).f64(0).f64(1)
        .f64(0).f32(0).f64(0).f64(0).u16(2).f64(0.5).f64(-2);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> o.f64(3));
    assertThat(e.getMessage(), containsString("FrProcData.auxParamNames is STRING[nAuxParam], not REAL_8"));
    FrameOutput none = new FrameOutput(LE, FrProcData.LAYOUT).string("p").string("").u16(1).u16(0).f64(0).f64(1)
        .f64(0).f32(0).f64(0).f64(0).u16(0);
    for (int i = 0; i < 5; i++) {
      none.pointer(Pointer.NONE); // data, aux, table, history, next: no auxParam or names between
    }
    assertThat(none.toByteArray().length, equalTo((2 + 2) + (2 + 1) + 2 * 2 + 5 * 8 + 4 + 2 + 5 * 6));
  }

  @Test
  void aReadOfAVersion8StructureFollowsItsLayout() throws Exception {
    byte[] body = FrHistory.write(LE, new History("gwreplay", 5, "c"), Pointer.NONE).toByteArray();
    FrameInput in = new FrameInput(body, LE);
    in.follow(FrHistory.LAYOUT);
    assertThat(FrHistory.read(in).value(), equalTo(new History("gwreplay", 5, "c")));
    FrameInput wrong = new FrameInput(body, LE);
    wrong.follow(FrHistory.LAYOUT);
    wrong.string();
    IllegalStateException e = assertThrows(IllegalStateException.class, wrong::f32);
    assertThat(e.getMessage(), equalTo("FrHistory.time is INT_4U, not REAL_4"));
  }
}
