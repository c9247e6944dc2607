/** nash searchers. */
package org.nash.searchers;
