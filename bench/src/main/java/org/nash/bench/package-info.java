/** nash bench. */
package org.nash.bench;
