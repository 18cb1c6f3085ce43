package org.parkgate.fee;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a tariff file (YAML, or JSON when it ends in .json) and checks all of it before anything
 * uses it. On any problem it throws and returns nothing, so a caller reloading a tariff keeps the
 * previous one in force (see {@link TariffHolder}).
 */
public final class TariffLoader {

  private TariffLoader() {}

  public static Tariff load(Path file) throws TariffException {
    return parse(file, read(file));
  }

  /** The tariff file's text; a file that cannot be read is refused naming it and why. */
  public static String read(Path file) throws TariffException {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new TariffException(file, "", "cannot read the file: no such file", e);
    } catch (AccessDeniedException e) {
      throw new TariffException(file, "", "cannot read the file: permission denied", e);
    } catch (MalformedInputException e) {
      throw new TariffException(file, "", "cannot read the file: it is not UTF-8 text", e);
    } catch (IOException e) {
      String why =
          Files.isDirectory(file)
              ? "it is a directory"
              : java.util.Objects.toString(e.getMessage(), "input/output error");
      throw new TariffException(file, "", "cannot read the file: " + why, e);
    }
  }

  /**
   * The parser's complaint on one line: the YAML parser's context and problem without the quoted
   * source and caret lines it adds (the position is given already), any other's with its line
   * breaks folded.
   */
  private static String oneLine(JsonProcessingException e) {
    if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m
        && m.getProblem() != null) {
      return (m.getContext() == null ? "" : m.getContext() + ": ") + m.getProblem();
    }
    return e.getOriginalMessage().strip().replaceAll("\\s*\\R\\s*", "; ");
  }

  /** Parses tariff text; {@code file} names it in error messages and picks JSON or YAML. */
  public static Tariff parse(Path file, String text) throws TariffException {
    boolean json = file.toString().endsWith(".json");
    JsonFactory format = json ? TreeReader.JSON : TreeReader.YAML;
    JsonNode tree;
    try {
      tree = TreeReader.read(format, text);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : "line " + at.getLineNr() + " column " + at.getColumnNr();
      throw new TariffException(
          file, where, "not valid " + (json ? "JSON" : "YAML") + ": " + oneLine(e), e);
    } catch (IOException e) {
      // Reading a String does no input/output; a parser failing otherwise is still bad text.
      throw new TariffException(
          file, "", "not valid " + (json ? "JSON" : "YAML") + ": " + e.getMessage(), e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new TariffException(file, "", "the file is empty");
    }
    return new TariffParser().parse(new Node(file, "", tree));
  }
}
