package org.nash.table.pickle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * A razorvine {@link Unpickler} narrowed for reading data files from outside. It differs from the
 * stock one where the stock behaviour would hide a malformed or unexpected file:
 *
 * <ul>
 *   <li>globals resolve only through the map given to this instance. razorvine's own registry is
 *       JVM-wide (one reader's numpy constructors would leak into every other) and turns unknown
 *       classes into empty {@code ClassDict}s; here an unknown global is an error naming it;
 *   <li>BUILD applies only to objects implementing {@link Buildable} (razorvine would look up a
 *       {@code __setstate__} method by reflection, failing with an opaque message);
 *   <li>dicts keep Python's insertion order (razorvine's SETITEMS goes through a HashMap);
 *   <li>length-prefixed str/bytes larger than {@code maxLength} are rejected before allocating, so
 *       a corrupted length field cannot ask for gigabytes.
 * </ul>
 *
 * Protocol 5 in-band buffers (BYTEARRAY8) are plain {@code byte[]}; out-of-band buffers
 * (NEXT_BUFFER) are not supported, as a file on disk cannot carry them.
 */
class StrictUnpickler extends Unpickler {
  /** An object that takes the state of a BUILD opcode (Python's {@code __setstate__}). */
  interface Buildable {
    void build(Object state);
  }

  /**
   * A class named by a global: called with no arguments (NEWOBJ {@code cls()}) it makes a
   * {@link PyObject}; it is also passed around as a value, e.g. {@code numpy.ndarray} as the first
   * argument of {@code _reconstruct}.
   */
  record PyClass(String name) implements IObjectConstructor {
    @Override
    public Object construct(Object[] args) {
      if (args.length != 0) {
        throw new PickleFormatException(name + "(): expected no arguments, found " + args.length);
      }
      return new PyObject(name);
    }
  }

  /** An instance of a {@link PyClass}, holding its BUILD state for the reader to interpret. */
  static final class PyObject implements Buildable {
    final String type;
    private Object state;
    private boolean built;

    PyObject(String type) {
      this.type = type;
    }

    @Override
    public void build(Object s) {
      if (built) {
        throw new PickleFormatException(type + ": state set twice");
      }
      state = s;
      built = true;
    }

    /** The BUILD state; a {@code cls()} object never built is malformed here. */
    Object state() {
      if (!built) {
        throw new PickleFormatException(type + ": object without state");
      }
      return state;
    }

    @Override
    public String toString() {
      return type + " object";
    }
  }

  private final Map<String, IObjectConstructor> globals;
  private final long maxLength;

  StrictUnpickler(Map<String, IObjectConstructor> globals, long maxLength) {
    this.globals = Map.copyOf(globals);
    this.maxLength = maxLength;
  }

  @Override
  protected Object dispatch(short key) throws PickleException, IOException {
    switch (key) {
      case Opcodes.GLOBAL -> pushGlobal(PickleUtils.readline(input), PickleUtils.readline(input));
      case Opcodes.STACK_GLOBAL -> {
        Object name = stack.pop();
        Object module = stack.pop();
        pushGlobal(Py.str(module, "STACK_GLOBAL module"), Py.str(name, "STACK_GLOBAL name"));
      }
      case Opcodes.INST, Opcodes.OBJ, Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 ->
          // These would resolve classes through razorvine's global registry.
          throw new PickleFormatException("unsupported opcode 0x" + Integer.toHexString(key));
      case Opcodes.BUILD -> build();
      case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
      case Opcodes.SETITEMS -> setItems();
      case Opcodes.BINBYTES -> stack.add(readBlob(4));
      case Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> stack.add(readBlob(8));
      case Opcodes.BINUNICODE -> stack.add(new String(readBlob(4), StandardCharsets.UTF_8));
      case Opcodes.BINUNICODE8 -> stack.add(new String(readBlob(8), StandardCharsets.UTF_8));
      case Opcodes.BINSTRING -> stack.add(PickleUtils.rawStringFromBytes(readBlob(4)));
      default -> {
        return super.dispatch(key);
      }
    }
    return NO_RETURN_VALUE;
  }

  /**
   * Why a file could not be read as {@code expected}, for a user-facing message. razorvine reports
   * some corrupt opcode sequences as ClassCastException or the like; those are summarized (the
   * exception stays attached as the cause).
   */
  static String failure(Exception e, String expected) {
    if (e instanceof PickleFormatException || e instanceof PickleException) {
      return "not " + expected + ": " + e.getMessage();
    }
    if (e instanceof IOException) {
      return "not " + expected + " (truncated or unreadable: " + e.getMessage() + ")";
    }
    return "not " + expected + " (corrupt pickle opcode stream)";
  }

  private void pushGlobal(String module, String name) {
    IObjectConstructor c = globals.get(module + "." + name);
    if (c == null) {
      throw new PickleFormatException("unexpected Python global " + module + "." + name);
    }
    stack.add(c);
  }

  private void build() {
    Object state = stack.pop();
    Object target = stack.peek();
    if (!(target instanceof Buildable b)) {
      throw new PickleFormatException("BUILD (__setstate__) on unexpected " + Py.describe(target));
    }
    b.build(state);
  }

  @SuppressWarnings("unchecked")
  private void setItems() {
    List<Object> items = stack.pop_all_since_marker();
    Object target = stack.peek();
    if (!(target instanceof Map) || items.size() % 2 != 0) {
      throw new PickleFormatException("SETITEMS on " + Py.describe(target) + " with " + items.size() + " items");
    }
    Map<Object, Object> map = (Map<Object, Object>) target;
    for (int i = 0; i < items.size(); i += 2) {
      map.put(items.get(i), items.get(i + 1));
    }
  }

  private byte[] readBlob(int lengthBytes) throws IOException {
    byte[] len = PickleUtils.readbytes(input, lengthBytes);
    long n = lengthBytes == 4 ? PickleUtils.bytes_to_uint(len, 0) : PickleUtils.bytes_to_long(len, 0);
    if (n < 0 || n > maxLength) {
      throw new PickleFormatException("a str/bytes length of " + n + " bytes is out of range (limit "
          + maxLength + "); the file is corrupt");
    }
    return PickleUtils.readbytes(input, (int) n);
  }
}
