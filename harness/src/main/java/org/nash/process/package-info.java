/**
 * Child processes that speak JSON lines (or any line protocol) on stdin/stdout: the one library
 * behind nash's training workers ({@code retrain}) and external searcher workers ({@code searchers}).
 *
 * <p>{@link org.nash.process.ChildProcess} starts a command (environment, working directory) in a
 * session of its own, reads its stdout as lines no longer than a cap, enforces a deadline on every
 * read and write (a watchdog kills a late worker), copies its stderr to a sink while keeping its last
 * lines for error messages, and stops it in order (end of input, a grace period, then a kill).
 * Every kill takes the worker's whole process tree: its descendants and every process left in its
 * session, so a grandchild that inherited the worker's stdout can neither hang nash nor outlive it.
 * A worker that exits on its own gets the rest of its session killed at once, which is what turns a
 * crash into an end of output instead of a hang. A JVM shutdown hook (Ctrl-C, SIGTERM) stops every
 * live worker the same way.
 *
 * <p>{@link org.nash.process.ChildPool} keeps idle workers for reuse and starts a fresh one when a
 * worker has failed (restart after a crash). Failures are {@link org.nash.process.ProcessFailure}s
 * whose kind says what happened (timeout, crash with its exit code, an over-long line, ...); each
 * pool turns them into the messages of its own protocol.
 */
package org.nash.process;
