package org.nash.table.pickle;

import java.util.List;
import java.util.Map;

/**
 * Typed access to unpickled Python values (razorvine maps tuple to {@code Object[]}, list to
 * {@code ArrayList}, dict to {@code Map}, int to {@code Integer}/{@code Long}/{@code BigInteger},
 * float to {@code Double}, bytes to {@code byte[]}). Each accessor names what it was reading when
 * the value has the wrong type, so that a malformed file never surfaces as a ClassCastException.
 */
final class Py {
  private Py() {}

  static Map<?, ?> dict(Object o, String what) {
    if (o instanceof Map<?, ?> m) {
      return m;
    }
    throw wrongType(what, "a dict", o);
  }

  static List<?> list(Object o, String what) {
    if (o instanceof List<?> l) {
      return l;
    }
    throw wrongType(what, "a list", o);
  }

  /** A tuple of exactly {@code size} items, or of any size when {@code size < 0}. */
  static Object[] tuple(Object o, int size, String what) {
    if (!(o instanceof Object[] t)) {
      throw wrongType(what, size < 0 ? "a tuple" : "a " + size + "-tuple", o);
    }
    if (size >= 0 && t.length != size) {
      throw new PickleFormatException(what + ": expected a " + size + "-tuple, found " + t.length + " items");
    }
    return t;
  }

  static String str(Object o, String what) {
    if (o instanceof String s) {
      return s;
    }
    throw wrongType(what, "a str", o);
  }

  static byte[] bytes(Object o, String what) {
    if (o instanceof byte[] b) {
      return b;
    }
    throw wrongType(what, "bytes", o);
  }

  static int integer(Object o, String what) {
    if (o instanceof Integer i) {
      return i;
    }
    if (o instanceof Long l && l == (int) (long) l) {
      return (int) (long) l;
    }
    throw wrongType(what, "an int", o);
  }

  /** A Python bool; old numpy pickles write 0/1 ints where newer ones write False/True. */
  static boolean bool(Object o, String what) {
    if (o instanceof Boolean b) {
      return b;
    }
    if (o instanceof Integer i && (i == 0 || i == 1)) {
      return i == 1;
    }
    throw wrongType(what, "a bool", o);
  }

  /** A Python float or int as a double. */
  static double number(Object o, String what) {
    if (o instanceof Double || o instanceof Integer || o instanceof Long) {
      return ((Number) o).doubleValue();
    }
    throw wrongType(what, "a number", o);
  }

  /** {@code m[key]}, which must be present (it may be None). */
  static Object get(Map<?, ?> m, String key, String what) {
    if (!m.containsKey(key)) {
      throw new PickleFormatException(what + ": missing key '" + key + "' (keys: " + m.keySet() + ")");
    }
    return m.get(key);
  }

  static PickleFormatException wrongType(String what, String expected, Object found) {
    return new PickleFormatException(what + ": expected " + expected + ", found " + describe(found));
  }

  /** A short Python-ish description of a value for error messages. */
  static String describe(Object o) {
    if (o == null) {
      return "None";
    }
    if (o instanceof Object[] t) {
      return "a " + t.length + "-tuple";
    }
    if (o instanceof String s) {
      return "str '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
    }
    if (o instanceof byte[] b) {
      return "bytes of length " + b.length;
    }
    if (o instanceof Number || o instanceof Boolean) {
      return o.getClass().getSimpleName().toLowerCase() + " " + o;
    }
    if (o instanceof Map<?, ?>) {
      return "a dict";
    }
    if (o instanceof List<?>) {
      return "a list";
    }
    if (o.getClass() == Object.class) {
      return "a MARK"; // razorvine's stack marker
    }
    return o.toString();
  }
}
