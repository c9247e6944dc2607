package org.nash.analysis.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/** NaN and infinities are not JSON numbers: analyses write them as null (an empty CSV field). */
public final class FiniteJson {
  private FiniteJson() {}

  /** A Jackson module writing non-finite {@code double}s and {@code Double}s as null. */
  public static SimpleModule module() {
    return new SimpleModule().addSerializer(Double.class, new FiniteOrNull())
        .addSerializer(double.class, new FiniteOrNull());
  }

  private static final class FiniteOrNull extends StdSerializer<Double> {
    FiniteOrNull() {
      super(Double.class);
    }

    @Override
    public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
      if (v == null || !Double.isFinite(v)) {
        g.writeNull();
      } else {
        g.writeNumber(v);
      }
    }
  }
}
