/** nash harness: data, tables, spaces, oracles, runner, analyses. */
package org.nash;
