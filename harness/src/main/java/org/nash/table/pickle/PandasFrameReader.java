package org.nash.table.pickle;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import org.nash.NashException;
import org.nash.table.pickle.Numpy.NdArray;
import org.nash.table.pickle.StrictUnpickler.PyClass;
import org.nash.table.pickle.StrictUnpickler.PyObject;

/**
 * Reads a pandas DataFrame pickle of the kind {@code DataFrame.to_pickle} writes with pandas 1.x
 * and protocol 5, narrowed to what BayesWatch's {@code mini-bench-arch-cell-accs.pd} holds: a
 * RangeIndex of rows, str column labels, and float64 / int64 / str-object columns.
 *
 * <p>The pickle is {@code DataFrame()} built with {@code {"_data": BlockManager, ...}}. The
 * BlockManager's state is {@code (axes, block values, block items, {"0.14.1": {"axes": [columns,
 * rows], "blocks": [{"values": 2-d array, "mgr_locs": slice}, ...]}})}; each block holds the
 * columns at {@code mgr_locs} as the rows of its values array, shape (columns, rows). Only the
 * "0.14.1" part is read: it alone says which block column is which frame column. Axes are
 * {@code _new_Index(Index, {"data": object array, ...})} or
 * {@code _new_Index(RangeIndex, {"start", "stop", "step", ...})}.
 */
public final class PandasFrameReader {
  private static final String DATAFRAME = "pandas.core.frame.DataFrame";
  private static final String BLOCK_MANAGER = "pandas.core.internals.managers.BlockManager";
  private static final String INDEX = "pandas.core.indexes.base.Index";
  private static final String RANGE_INDEX = "pandas.core.indexes.range.RangeIndex";

  /** An axis of the frame: its labels, or only its length for a RangeIndex. */
  private record Axis(List<?> labels, int length) {}

  private record Slice(Object start, Object stop, Object step) {}

  private static final Map<String, IObjectConstructor> GLOBALS = Map.of(
      DATAFRAME, new PyClass(DATAFRAME),
      BLOCK_MANAGER, new PyClass(BLOCK_MANAGER),
      INDEX, new PyClass(INDEX),
      RANGE_INDEX, new PyClass(RANGE_INDEX),
      "pandas.core.indexes.base._new_Index", PandasFrameReader::newIndex,
      Numpy.NDARRAY, new PyClass(Numpy.NDARRAY),
      "numpy.dtype", Numpy::dtype,
      "numpy.core.multiarray._reconstruct", Numpy::reconstruct,
      "numpy.core.numeric._frombuffer", Numpy::fromBuffer,
      "builtins.slice", PandasFrameReader::slice);

  private PandasFrameReader() {}

  /**
   * A table read from a pandas DataFrame pickle: named columns in file order, each a
   * {@code double[]} (float64), {@code long[]} (int64) or {@code String[]} (str objects), rows in file
   * order. Accessors return copies.
   */
  public static final class Frame {
    private final Path source;
    private final int rows;
    private final Map<String, Object> columns;

    Frame(Path source, int rows, LinkedHashMap<String, Object> columns) {
      this.source = source;
      this.rows = rows;
      this.columns = Collections.unmodifiableMap(columns);
    }

    /** Column names in file order. */
    public List<String> columns() {
      return List.copyOf(columns.keySet());
    }

    public int rows() {
      return rows;
    }

    /** A float64 column. */
    public double[] doubles(String column) {
      return ((double[]) column(column, double[].class, "float64")).clone();
    }

    /** An int64 column. */
    public long[] longs(String column) {
      return ((long[]) column(column, long[].class, "int64")).clone();
    }

    /** A column of Python str objects. */
    public String[] strings(String column) {
      return ((String[]) column(column, String[].class, "str")).clone();
    }

    private Object column(String name, Class<?> type, String typeName) {
      Object c = columns.get(name);
      if (c == null) {
        throw new NashException(source + ": no column '" + name + "' (columns: " + columns.keySet() + ")");
      }
      if (!type.isInstance(c)) {
        throw new NashException(source + ": column '" + name + "' is not " + typeName);
      }
      return c;
    }
  }

  /** The DataFrame pickled in {@code file}; any other content is a NashException naming the file. */
  public static Frame read(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      Object root = new StrictUnpickler(GLOBALS, Files.size(file)).load(in);
      return toFrame(file, root);
    } catch (IOException | RuntimeException e) {
      throw new NashException(file + ": " + StrictUnpickler.failure(e, "a pandas DataFrame pickle"), e);
    }
  }

  private static Frame toFrame(Path file, Object root) {
    Map<?, ?> df = Py.dict(object(root, DATAFRAME, "top-level object").state(), "DataFrame state");
    Object data = df.containsKey("_mgr") ? df.get("_mgr") : Py.get(df, "_data", "DataFrame state");
    Object[] mgr = Py.tuple(object(data, BLOCK_MANAGER, "DataFrame _data").state(), 4, "BlockManager state");
    Map<?, ?> extra = Py.dict(mgr[3], "BlockManager state[3]");
    Map<?, ?> v14 = Py.dict(Py.get(extra, "0.14.1", "BlockManager state[3]"), "BlockManager state");
    List<?> axes = Py.list(Py.get(v14, "axes", "BlockManager state"), "BlockManager axes");
    if (axes.size() != 2) {
      throw new PickleFormatException("BlockManager axes: expected 2 (columns, rows), found " + axes.size());
    }
    List<String> names = new ArrayList<>();
    Axis columnAxis = axis(axes.get(0), "column index");
    if (columnAxis.labels() == null) {
      throw new PickleFormatException("column index: expected labels, found a RangeIndex");
    }
    for (Object label : columnAxis.labels()) {
      String name = Py.str(label, "column label");
      if (names.contains(name)) {
        throw new PickleFormatException("duplicate column '" + name + "'");
      }
      names.add(name);
    }
    int rows = axis(axes.get(1), "row index").length();

    Object[] columns = new Object[names.size()];
    for (Object b : Py.list(Py.get(v14, "blocks", "BlockManager state"), "BlockManager blocks")) {
      Map<?, ?> block = Py.dict(b, "block");
      if (!(Py.get(block, "values", "block") instanceof NdArray values)) {
        throw Py.wrongType("block values", "a numpy array", block.get("values"));
      }
      int[] locs = positions(Py.get(block, "mgr_locs", "block"), names.size());
      int[] shape = values.shape();
      if (shape.length != 2 || shape[0] != locs.length || shape[1] != rows) {
        throw new PickleFormatException("block for columns " + Arrays.toString(locs) + ": values of shape "
            + Arrays.toString(shape) + ", expected [" + locs.length + ", " + rows + "]");
      }
      for (int r = 0; r < locs.length; r++) {
        int c = locs[r];
        if (columns[c] != null) {
          throw new PickleFormatException("column '" + names.get(c) + "' is in two blocks");
        }
        columns[c] = values.kind() == 'O' ? strings((Object[]) values.row(r), names.get(c)) : values.row(r);
      }
    }
    LinkedHashMap<String, Object> byName = new LinkedHashMap<>();
    for (int c = 0; c < columns.length; c++) {
      if (columns[c] == null) {
        throw new PickleFormatException("column '" + names.get(c) + "' is in no block");
      }
      byName.put(names.get(c), columns[c]);
    }
    return new Frame(file, rows, byName);
  }

  private static PyObject object(Object o, String type, String what) {
    if (o instanceof PyObject p && p.type.equals(type)) {
      return p;
    }
    throw Py.wrongType(what, "a " + type, o);
  }

  /** {@code _new_Index(cls, attributes)}. */
  private static Object newIndex(Object[] args) {
    if (args.length != 2 || !(args[0] instanceof PyClass cls)) {
      throw new PickleFormatException("pandas _new_Index: expected (class, dict)");
    }
    Map<?, ?> d = Py.dict(args[1], "pandas _new_Index attributes");
    switch (cls.name()) {
      case INDEX -> {
        Object data = Py.get(d, "data", "pandas Index");
        if (!(data instanceof NdArray a) || a.shape().length != 1 || a.kind() != 'O') {
          throw Py.wrongType("pandas Index data", "a 1-d object array", data);
        }
        List<?> labels = Arrays.asList((Object[]) a.row(0));
        return new Axis(labels, labels.size());
      }
      case RANGE_INDEX -> {
        long start = Py.integer(Py.get(d, "start", "pandas RangeIndex"), "RangeIndex start");
        long stop = Py.integer(Py.get(d, "stop", "pandas RangeIndex"), "RangeIndex stop");
        long step = Py.integer(Py.get(d, "step", "pandas RangeIndex"), "RangeIndex step");
        if (step <= 0) {
          throw new PickleFormatException("pandas RangeIndex: unsupported step " + step);
        }
        return new Axis(null, (int) Math.max(0, (stop - start + step - 1) / step));
      }
      default -> throw new PickleFormatException("pandas _new_Index: unexpected class " + cls.name());
    }
  }

  private static Object slice(Object[] args) {
    if (args.length != 3) {
      throw new PickleFormatException("slice(): expected 3 arguments, found " + args.length);
    }
    return new Slice(args[0], args[1], args[2]);
  }

  private static Axis axis(Object o, String what) {
    if (o instanceof Axis a) {
      return a;
    }
    throw Py.wrongType(what, "a pandas Index", o);
  }

  /** The frame column positions of a block: {@code mgr_locs} is a slice or an int64 array. */
  private static int[] positions(Object locs, int ncols) {
    int[] out;
    if (locs instanceof Slice s) {
      int start = s.start() == null ? 0 : Py.integer(s.start(), "mgr_locs start");
      int stop = Py.integer(s.stop(), "mgr_locs stop");
      int step = s.step() == null ? 1 : Py.integer(s.step(), "mgr_locs step");
      if (step <= 0 || start < 0 || stop < start) {
        throw new PickleFormatException("mgr_locs: unsupported slice(" + start + ", " + stop + ", " + step + ")");
      }
      out = new int[(stop - start + step - 1) / step];
      for (int i = 0; i < out.length; i++) {
        out[i] = start + i * step;
      }
    } else if (locs instanceof NdArray a && a.kind() == 'i' && a.shape().length == 1) {
      long[] l = (long[]) a.row(0);
      out = new int[l.length];
      for (int i = 0; i < l.length; i++) {
        out[i] = l[i] < 0 || l[i] >= ncols ? -1 : (int) l[i];
      }
    } else {
      throw Py.wrongType("block mgr_locs", "a slice or int64 array", locs);
    }
    for (int c : out) {
      if (c < 0 || c >= ncols) {
        throw new PickleFormatException("mgr_locs: column position " + c + " outside 0.." + (ncols - 1));
      }
    }
    return out;
  }

  private static String[] strings(Object[] values, String column) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Py.str(values[i], "column '" + column + "' row " + i);
    }
    return out;
  }
}
