package org.nash.data;

/**
 * One file nash reads: where it came from upstream, its sha256 and size, and what it holds.
 *
 * @param id short name used in code and by {@code nash data}
 * @param path relative path inside the cache and the mirror (the shared-data layout)
 * @param url raw upstream file; null when the file exists only in a mirror (conversions, packs)
 * @param sha256 expected hex digest; null when no published digest is known (then not verified)
 * @param size expected size in bytes, or -1 when unknown
 * @param holds one line on the content
 * @param md5 the upstream's published md5 where it publishes no sha256 (the CIFAR archives), else null;
 *     checked by the readers that take the file itself
 */
public record DataEntry(String id, String path, String url, String sha256, long size, String holds, String md5) {
  public DataEntry(String id, String path, String url, String sha256, long size, String holds) {
    this(id, path, url, sha256, size, holds, null);
  }

  public String fileName() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
