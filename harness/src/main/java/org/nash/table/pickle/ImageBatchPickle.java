package org.nash.table.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import org.nash.NashException;

/**
 * A pickled batch of images as the CIFAR python releases ({@code cifar-10-batches-py},
 * {@code cifar-100-python}) and NB-201's ImageNet16 files ({@code train_data_batch_N}, {@code val_data})
 * store them: a dict whose {@code data} is a numpy uint8 array of one image per row (channel-major
 * R, G, B planes) and whose label key ({@code labels} or {@code fine_labels}) is a list of ints. Both
 * Python 2 pickles (keys and data as str, read as latin-1) and Python 3 ones (bytes or str keys, numpy
 * 1.x or 2.x module names) are read; any other global is an error naming it.
 */
public final class ImageBatchPickle {
  /** Bound on one str/bytes value: the largest official file holds about 100 MB of pixels. */
  private static final long MAX_VALUE_BYTES = 512L << 20;

  private static final Map<String, IObjectConstructor> GLOBALS = Map.of(
      "numpy.dtype", Numpy::dtype,
      "numpy.ndarray", new StrictUnpickler.PyClass(Numpy.NDARRAY),
      "numpy.core.multiarray._reconstruct", Numpy::reconstruct,
      "numpy._core.multiarray._reconstruct", Numpy::reconstruct,
      "numpy.core.numeric._frombuffer", Numpy::fromBuffer,
      "numpy._core.numeric._frombuffer", Numpy::fromBuffer,
      "numpy.core.multiarray.scalar", Numpy::scalar,
      "numpy._core.multiarray.scalar", Numpy::scalar);

  /** {@code rows} images of {@code rowBytes} bytes each, and their labels as stored. */
  public record Batch(byte[] pixels, int[] labels, int rows, int rowBytes) {}

  private ImageBatchPickle() {}

  /**
   * Reads one pickled batch.
   *
   * @param what names the file in errors
   * @param labelKey {@code labels} or {@code fine_labels}
   * @param rowBytes the expected bytes per image (3072 for 32x32, 768 for 16x16)
   */
  public static Batch read(InputStream in, String what, String labelKey, int rowBytes) {
    Object root;
    try {
      root = new StrictUnpickler(GLOBALS, MAX_VALUE_BYTES).load(in);
    } catch (IOException | RuntimeException e) {
      throw new NashException(what + ": " + StrictUnpickler.failure(e, "a pickled image batch"), e);
    }
    try {
      Map<?, ?> dict = Py.dict(root, "the batch");
      Object data = entry(dict, "data", what);
      if (!(data instanceof Numpy.NdArray array)) {
        throw Py.wrongType("'data'", "a numpy array", data);
      }
      int[] shape = array.shape();
      if (shape.length != 2 || shape[1] != rowBytes) {
        throw new PickleFormatException("'data' has shape " + java.util.Arrays.toString(shape) + ", expected (N, "
            + rowBytes + ") uint8 rows");
      }
      byte[] pixels = array.uint8();
      List<?> list = Py.list(entry(dict, labelKey, what), "'" + labelKey + "'");
      if (list.size() != shape[0]) {
        throw new PickleFormatException("'" + labelKey + "' has " + list.size() + " labels for " + shape[0] + " images");
      }
      int[] labels = new int[list.size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = Py.integer(list.get(i), "'" + labelKey + "'[" + i + "]");
      }
      return new Batch(pixels, labels, shape[0], rowBytes);
    } catch (PickleFormatException e) {
      throw new NashException(what + ": " + StrictUnpickler.failure(e, "a pickled image batch"), e);
    }
  }

  /** A key as str or (Python 3 reading a Python 2 pickle without an encoding) as bytes. */
  private static Object entry(Map<?, ?> dict, String key, String what) {
    if (dict.containsKey(key)) {
      return dict.get(key);
    }
    for (Map.Entry<?, ?> e : dict.entrySet()) {
      if (e.getKey() instanceof byte[] b && new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).equals(key)) {
        return e.getValue();
      }
    }
    List<String> keys = new ArrayList<>();
    dict.keySet().forEach(k -> keys.add(k instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)
        : String.valueOf(k)));
    throw new PickleFormatException("no '" + key + "' entry (keys: " + keys + ")");
  }
}
