package org.nash.cli;

import org.nash.plugin.Plugin;

/**
 * A command of the {@code nash} command line, found like every other plugin: listed in a jar's
 * {@code META-INF/services/org.nash.cli.CommandProvider} (the built-in ones in this module's, yours
 * in a {@code --plugin} jar). The command object is a picocli {@code @Command}; it may declare a
 * {@code @ParentCommand Nash nash} field to reach the data catalog, the plugin class loader and
 * {@code --debug}.
 */
public interface CommandProvider extends Plugin {
  /** A fresh picocli command object (an instance of a class annotated with {@code @Command}). */
  Object command();
}
