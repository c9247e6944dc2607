/** nash cli. */
package org.nash.cli;
