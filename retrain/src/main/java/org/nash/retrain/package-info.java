/** nash retrain. */
package org.nash.retrain;
