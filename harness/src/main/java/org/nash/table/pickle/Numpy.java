package org.nash.table.pickle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.nash.table.pickle.StrictUnpickler.Buildable;
import org.nash.table.pickle.StrictUnpickler.PyClass;

/**
 * The numpy callables that pickles of arrays and scalars reference, as razorvine constructors
 * ({@code Numpy::dtype} etc.), limited to the dtypes the benchmark files use: float64, int64 and
 * object (Python objects, here str).
 *
 * <p>How numpy pickles (numpy 1.x module names): a dtype is {@code numpy.dtype('f8', align, copy)}
 * followed by BUILD {@code (version, byteorder, ...)}; a scalar is
 * {@code numpy.core.multiarray.scalar(dtype, raw bytes)}; an array is either
 * {@code numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b')} followed by BUILD
 * {@code (version, shape, dtype, is_fortran, raw bytes or list of objects)}, or, with protocol 5,
 * {@code numpy.core.numeric._frombuffer(buffer, dtype, shape, order)}.
 */
final class Numpy {
  static final String NDARRAY = "numpy.ndarray";

  private Numpy() {}

  /** A numpy dtype: kind 'f', 'i' or 'O' and the byte order set by its BUILD state. */
  static final class Dtype implements Buildable {
    final char kind;
    final int itemSize;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    Dtype(char kind, int itemSize) {
      this.kind = kind;
      this.itemSize = itemSize;
    }

    @Override
    public void build(Object state) {
      Object[] s = Py.tuple(state, -1, "numpy dtype state");
      if (s.length < 2) {
        throw new PickleFormatException("numpy dtype state: expected (version, byteorder, ...), found "
            + s.length + " items");
      }
      switch (Py.str(s[1], "numpy dtype byte order")) {
        case "<", "|" -> order = ByteOrder.LITTLE_ENDIAN;
        case ">" -> order = ByteOrder.BIG_ENDIAN;
        default -> throw new PickleFormatException("numpy dtype: unsupported byte order '" + s[1] + "'");
      }
    }

    @Override
    public String toString() {
      return "numpy dtype " + kind + itemSize;
    }
  }

  /** An n-d array; values are kept flat in C (row-major) order. */
  static final class NdArray implements Buildable {
    private int[] shape;
    private Dtype dtype;
    private Object values; // double[] (f8), long[] (i8), byte[] (u1) or Object[] (O)

    @Override
    public void build(Object state) {
      if (shape != null) {
        throw new PickleFormatException("numpy array: state set twice");
      }
      Object[] s = Py.tuple(state, -1, "numpy array state");
      if (s.length != 4 && s.length != 5) {
        throw new PickleFormatException("numpy array state: expected (version, shape, dtype, is_fortran, data), found "
            + s.length + " items");
      }
      int o = s.length - 4; // the 4-tuple form has no version
      set(dims(s[o], "numpy array shape"), asDtype(s[o + 1]), Py.bool(s[o + 2], "numpy array is_fortran"), s[o + 3]);
    }

    private void set(int[] shape, Dtype dtype, boolean fortran, Object data) {
      long n = 1;
      for (int d : shape) {
        n *= d;
        if (n > Integer.MAX_VALUE) {
          throw new PickleFormatException("numpy array of shape " + Arrays.toString(shape) + " is too large");
        }
      }
      Object flat = dtype.kind == 'O'
          ? objects(data, (int) n)
          // a Python 2 pickle (the CIFAR python release) holds the data as a str, read as latin-1 chars
          : decode(data instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)
              : Py.bytes(data, "numpy array data"), dtype, (int) n);
      this.shape = shape;
      this.dtype = dtype;
      this.values = fortran ? toRowMajor(flat, shape) : flat;
    }

    int[] shape() {
      if (shape == null) {
        throw new PickleFormatException("numpy array without state");
      }
      return shape.clone();
    }

    char kind() {
      shape();
      return dtype.kind;
    }

    /** The raw values of a uint8 array, row-major (shared, not copied). */
    byte[] uint8() {
      shape();
      if (!(values instanceof byte[] b)) {
        throw new PickleFormatException("expected a numpy uint8 array, found " + this);
      }
      return b;
    }

    /** Row {@code r} of a 2-d array (a 1-d array is one row); its type follows the dtype. */
    Object row(int r) {
      int[] s = shape();
      if (s.length < 1 || s.length > 2 || r < 0 || r >= (s.length == 1 ? 1 : s[0])) {
        throw new PickleFormatException("numpy array of shape " + Arrays.toString(s) + " has no row " + r);
      }
      int cols = s[s.length - 1];
      int from = r * cols;
      if (values instanceof double[] d) {
        return Arrays.copyOfRange(d, from, from + cols);
      }
      if (values instanceof long[] l) {
        return Arrays.copyOfRange(l, from, from + cols);
      }
      return Arrays.copyOfRange((Object[]) values, from, from + cols);
    }

    @Override
    public String toString() {
      return shape == null ? "numpy array" : "numpy array " + dtype + " " + Arrays.toString(shape);
    }
  }

  /** {@code numpy.dtype(name, align, copy)}. */
  static Object dtype(Object[] args) {
    if (args.length != 3) {
      throw new PickleFormatException("numpy.dtype(): expected 3 arguments, found " + args.length);
    }
    String name = Py.str(args[0], "numpy.dtype name");
    return switch (name) {
      case "f8" -> new Dtype('f', 8);
      case "i8" -> new Dtype('i', 8);
      case "u1" -> new Dtype('u', 1);
      case "O4", "O8" -> new Dtype('O', name.charAt(1) - '0');
      default -> throw new PickleFormatException("unsupported numpy dtype '" + name + "' (only f8, i8, u1, O)");
    };
  }

  /** {@code _reconstruct(numpy.ndarray, shape, b'b')}: an empty array that a BUILD fills. */
  static Object reconstruct(Object[] args) {
    if (args.length != 3 || !(args[0] instanceof PyClass c) || !c.name().equals(NDARRAY)) {
      throw new PickleFormatException("numpy _reconstruct: expected (numpy.ndarray, shape, typecode)");
    }
    return new NdArray();
  }

  /** {@code _frombuffer(buffer, dtype, shape, order)}: protocol 5's array pickle. */
  static Object fromBuffer(Object[] args) {
    if (args.length != 4) {
      throw new PickleFormatException("numpy _frombuffer: expected 4 arguments, found " + args.length);
    }
    String order = Py.str(args[3], "numpy _frombuffer order");
    if (!order.equals("C") && !order.equals("F")) {
      throw new PickleFormatException("numpy _frombuffer: unexpected order '" + order + "'");
    }
    Dtype dtype = asDtype(args[1]);
    if (dtype.kind == 'O') {
      throw new PickleFormatException("numpy _frombuffer: object dtype cannot come from a buffer");
    }
    NdArray a = new NdArray();
    a.set(dims(args[2], "numpy _frombuffer shape"), dtype, order.equals("F"), args[0]);
    return a;
  }

  /** {@code numpy.core.multiarray.scalar(dtype, raw bytes)} as a Double or Long. */
  static Object scalar(Object[] args) {
    if (args.length != 2) {
      throw new PickleFormatException("numpy scalar: expected (dtype, bytes), found " + args.length + " arguments");
    }
    Dtype dtype = asDtype(args[0]);
    if (dtype.kind == 'O' || dtype.kind == 'u') {
      throw new PickleFormatException("numpy scalar: " + dtype + " not supported");
    }
    Object v = decode(Py.bytes(args[1], "numpy scalar data"), dtype, 1);
    return v instanceof double[] d ? (Object) d[0] : (Object) ((long[]) v)[0];
  }

  private static Dtype asDtype(Object o) {
    if (o instanceof Dtype d) {
      return d;
    }
    throw Py.wrongType("numpy dtype", "a numpy.dtype", o);
  }

  private static int[] dims(Object o, String what) {
    Object[] t = Py.tuple(o, -1, what);
    int[] s = new int[t.length];
    for (int i = 0; i < t.length; i++) {
      s[i] = Py.integer(t[i], what);
      if (s[i] < 0) {
        throw new PickleFormatException(what + ": negative dimension " + s[i]);
      }
    }
    return s;
  }

  private static Object decode(byte[] raw, Dtype dtype, int n) {
    if (raw.length != (long) n * dtype.itemSize) {
      throw new PickleFormatException("numpy " + dtype + " data: expected " + n + " items (" + (long) n * dtype.itemSize
          + " bytes), found " + raw.length + " bytes");
    }
    if (dtype.kind == 'u') {
      return raw;
    }
    ByteBuffer buf = ByteBuffer.wrap(raw).order(dtype.order);
    if (dtype.kind == 'f') {
      double[] d = new double[n];
      buf.asDoubleBuffer().get(d);
      return d;
    }
    long[] l = new long[n];
    buf.asLongBuffer().get(l);
    return l;
  }

  private static Object[] objects(Object data, int n) {
    List<?> l = Py.list(data, "numpy object array data");
    if (l.size() != n) {
      throw new PickleFormatException("numpy object array: expected " + n + " items, found " + l.size());
    }
    return l.toArray();
  }

  /** Reorders column-major (Fortran) values of the given shape into row-major order. */
  private static Object toRowMajor(Object flat, int[] shape) {
    if (shape.length < 2) {
      return flat;
    }
    if (shape.length > 2) {
      throw new PickleFormatException("numpy Fortran-order array with " + shape.length + " dimensions not supported");
    }
    int rows = shape[0];
    int cols = shape[1];
    int n = rows * cols;
    Object out = java.lang.reflect.Array.newInstance(flat.getClass().getComponentType(), n);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        System.arraycopy(flat, c * rows + r, out, r * cols + c, 1);
      }
    }
    return out;
  }
}
