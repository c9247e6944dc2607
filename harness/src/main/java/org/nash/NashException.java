package org.nash;

/**
 * An error a user can act on: bad input (data file, config, arch string, flag) or a missing
 * resource. The message names the file, line or field and what was expected; the CLI prints it
 * alone (no stack trace) and exits non-zero.
 */
public class NashException extends RuntimeException {
  public NashException(String message) {
    super(message);
  }

  public NashException(String message, Throwable cause) {
    super(message, cause);
  }
}
