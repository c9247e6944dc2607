/** nash surrogate. */
package org.nash.surrogate;
