/**
 * nash core: the data catalog, benchmark tables, search spaces, benchmarks (NB-201 and TNB slices),
 * oracles, the search SPI, the plugin registry and the runner. No UI, plotting or deep learning here.
 */
package org.nash;
