package org.nash.cli;

import java.lang.reflect.InvocationTargetException;
import picocli.CommandLine.Command;

/**
 * A {@link CommandProvider} for one {@code @Command} class: the name and the first description line
 * come from the annotation, so they cannot drift from what {@code --help} shows. Subclass it with a
 * public no-argument constructor to register a command (ServiceLoader instantiates the provider).
 */
public abstract class AnnotatedCommand implements CommandProvider {
  private final Class<?> type;
  private final Command annotation;

  protected AnnotatedCommand(Class<?> type) {
    this.type = type;
    this.annotation = type.getAnnotation(Command.class);
    if (annotation == null || annotation.name().isEmpty()) {
      throw new IllegalArgumentException(type.getName() + " is not a named picocli @Command");
    }
  }

  @Override
  public String name() {
    return annotation.name();
  }

  @Override
  public String description() {
    return annotation.description().length == 0 ? "" : annotation.description()[0];
  }

  @Override
  public Object command() {
    try {
      var c = type.getDeclaredConstructor();
      c.setAccessible(true);
      return c.newInstance();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot create the '" + name() + "' command", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create the '" + name() + "' command", e);
    }
  }
}
