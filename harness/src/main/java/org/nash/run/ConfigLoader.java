package org.nash.run;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.nash.NashException;

/** Reads experiment configs from YAML with errors that name the file, line and column. */
public final class ConfigLoader {
  private ConfigLoader() {}

  static ObjectMapper yaml() {
    return new ObjectMapper(new YAMLFactory()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
        .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
        // seeds: 2.5 is a mistake, not 2 seeds
        .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
  }

  public static ExperimentConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new NashException("config file " + file + " does not exist");
    } catch (IOException e) {
      throw new NashException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  public static ExperimentConfig parse(String yamlText, String source) {
    try {
      ExperimentConfig cfg = yaml().readValue(yamlText, ExperimentConfig.class);
      if (cfg == null) {
        throw new NashException(source + ": the config is empty");
      }
      return cfg;
    } catch (UnrecognizedPropertyException e) {
      throw new NashException(where(source, e.getLocation()) + "unknown field '" + e.getPropertyName()
          + "'; known fields: " + e.getKnownPropertyIds());
    } catch (MismatchedInputException e) {
      Class<?> t = e.getTargetType();
      String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .reduce((x, y) -> x + "." + y).orElse("?");
      if (t == String.class && e.getOriginalMessage().contains("from Object value")) {
        // e.g. "oracle: {name: retrain, params: ...}": the name and its parameters are separate fields
        String hint = field.equals("oracle") ? "; give its parameters in 'oracle_params'" : "";
        throw new NashException(where(source, e.getLocation()) + "config field '" + field
            + "' must be a name, not a mapping" + hint);
      }
      if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
        // Jackson names the refused value in parentheses: "Cannot coerce Floating-point value (2.5) ..."
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([^)]*)\\)").matcher(e.getOriginalMessage());
        String got = m.find() ? ", got " + m.group(1) : "";
        throw new NashException(where(source, e.getLocation()) + "config field '" + field + "' must be a whole number"
            + got);
      }
      throw new NashException(where(source, e.getLocation()) + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new NashException(where(source, e.getLocation()) + e.getOriginalMessage());
    }
  }

  private static String where(String source, JsonLocation loc) {
    return loc == null ? source + ": " : source + " line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
  }

  /** The config as YAML, as saved beside the results. */
  public static String toYaml(ExperimentConfig cfg) {
    try {
      return yaml().writeValueAsString(cfg);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
