package org.nash.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/** One traced query, {@code [architecture index, signal, cost]}, with the index as the integer it is. */
final class TraceQuerySerializer extends StdSerializer<double[]> {
  TraceQuerySerializer() {
    super(double[].class);
  }

  @Override
  public void serialize(double[] q, JsonGenerator g, SerializerProvider p) throws IOException {
    g.writeStartArray();
    g.writeNumber((long) q[0]);
    for (int i = 1; i < q.length; i++) {
      g.writeNumber(q[i]);
    }
    g.writeEndArray();
  }
}
