package org.nash.table.pickle;

/**
 * A pickle whose structure is not the one a reader expects. Internal: the public readers turn it
 * into a {@link org.nash.NashException} that names the file.
 */
class PickleFormatException extends RuntimeException {
  PickleFormatException(String message) {
    super(message);
  }
}
