package org.parkgate.controller.site;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.parkgate.controller.ledger.SeasonCards;

/**
 * A file of season cards to issue at once ({@code ./parking season import FILE}): CSV in UTF-8 (a
 * byte-order mark allowed, as Excel writes it) with the header {@code card,holder,class,from,to}
 * and an optional {@code plates} column (plates separated by {@code ;}, empty for any vehicle). The
 * whole file is read and checked before anything is written; a problem names the file, the line and
 * the column.
 */
final class SeasonImport {
  static final List<String> COLUMNS = List.of("card", "holder", "class", "from", "to");

  private SeasonImport() {}

  /** The file's cards, in its order. */
  static List<SeasonCards.Issue> read(Path file) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + ": not UTF-8 text (save the sheet as CSV UTF-8)");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<SeasonCards.Issue> cards = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (Reader in = new java.io.StringReader(text)) {
      var records =
          CSVFormat.RFC4180
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .setIgnoreEmptyLines(true)
              .setTrim(true)
              .build()
              .parse(in);
      List<String> header = records.getHeaderNames();
      for (String c : COLUMNS) {
        if (!header.contains(c)) {
          throw new IllegalArgumentException(
              file
                  + ":1: no column '"
                  + c
                  + "' (the header is card,holder,class,from,to[,plates])");
        }
      }
      for (String h : header) {
        if (!COLUMNS.contains(h) && !h.equals("plates")) {
          throw new IllegalArgumentException(
              file + ":1: unknown column '" + h + "' (card,holder,class,from,to,plates)");
        }
      }
      for (CSVRecord r : records) {
        String where = file + ":" + r.getParser().getCurrentLineNumber() + ": ";
        if (!r.isConsistent()) {
          throw new IllegalArgumentException(
              where + r.size() + " columns, the header has " + header.size());
        }
        String card = r.get("card");
        if (!card.matches(CredentialsMain.CARD)) {
          throw new IllegalArgumentException(
              where + "card '" + card + "' must be 1-32 letters or digits");
        }
        if (!seen.add(card)) {
          throw new IllegalArgumentException(where + "card " + card + " is in the file twice");
        }
        String holder = r.get("holder");
        if (holder.isEmpty() || holder.length() > 100) {
          throw new IllegalArgumentException(where + "holder must be 1-100 characters");
        }
        String vehicleClass = r.get("class").isEmpty() ? "car" : r.get("class");
        if (!vehicleClass.matches(CredentialsMain.CLASS)) {
          throw new IllegalArgumentException(
              where + "class '" + vehicleClass + "' is not a vehicle class such as car or truck");
        }
        LocalDate from = date(where, "from", r.get("from"));
        LocalDate to = date(where, "to", r.get("to"));
        if (to.isBefore(from)) {
          throw new IllegalArgumentException(
              where + "to " + to + " is before from " + from + " (a card's last day)");
        }
        List<String> plates = new ArrayList<>();
        if (r.isMapped("plates")) {
          for (String p : r.get("plates").split(";")) {
            String plate = p.strip();
            if (plate.length() > 16) {
              throw new IllegalArgumentException(
                  where + "plate '" + plate + "' is longer than 16 characters");
            }
            if (!plate.isEmpty()) {
              plates.add(plate);
            }
          }
        }
        cards.add(new SeasonCards.Issue(card, holder, plates, vehicleClass, from, to));
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new IllegalArgumentException(file + ": not valid CSV: " + e.getMessage());
    } catch (IllegalStateException e) {
      // commons-csv: a header named twice, or an unclosed quote
      throw new IllegalArgumentException(file + ": not valid CSV: " + e.getMessage());
    }
    if (cards.isEmpty()) {
      throw new IllegalArgumentException(file + ": no season cards under the header");
    }
    return cards;
  }

  private static LocalDate date(String where, String column, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          where + column + " '" + text + "' is not a date such as 2027-01-31");
    }
  }
}
