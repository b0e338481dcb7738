package org.gwreplay.gwf;

import java.util.List;
import org.gwreplay.time.GpsTime;

/**
 * An FrEvent (a trigger found in the data) or, with {@code simulated}, an FrSimEvent (an
 * injection); a simulated event has no status, probability or statistics.
 */
public record Event(boolean simulated, String name, String comment, String inputs, GpsTime time, float timeBefore,
    float timeAfter, long eventStatus, float amplitude, float probability, String statistics, List<Double> parameters,
    List<String> parameterNames, List<Vect> data) {

  public Event {
    parameters = List.copyOf(parameters);
    parameterNames = List.copyOf(parameterNames);
    data = List.copyOf(data);
    if (parameters.size() != parameterNames.size()) {
      throw new IllegalArgumentException("event " + name + ": " + parameters.size() + " parameters but "
          + parameterNames.size() + " names");
    }
  }

  Event shifted(long seconds) {
    return new Event(simulated, name, comment, inputs, time.plusSeconds(seconds), timeBefore, timeAfter, eventStatus,
        amplitude, probability, statistics, parameters, parameterNames, data);
  }
}
