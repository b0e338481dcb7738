package org.gwreplay.source;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.gwreplay.gwf.FrameFileName;
import org.junit.jupiter.api.Test;

class SourceFileTest {

  @Test
  void spanComesFromTheNameAndTheFileTravelsToWorkers() throws Exception {
    SourceFile f = new SourceFile("H1", FrameFileName.parse("H-H1_llhoft-1238166018-4.gwf"), "ligo:H-H1_llhoft-1238166018-4.gwf",
        4096, "084b021f", null);
    assertThat(f.gpsStart(), equalTo(1238166018L));
    assertThat(f.gpsEnd(), equalTo(1238166022L));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(f);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject(), equalTo(f));
    }
  }
}
