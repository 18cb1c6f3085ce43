package org.parkgate.fee.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.parkgate.fee.FeeEngine;
import org.parkgate.fee.FeeLine;
import org.parkgate.fee.FeeQuote;
import org.parkgate.fee.FeeRefusal;
import org.parkgate.fee.SiteTime;
import org.parkgate.fee.StayRequest;
import org.parkgate.fee.Tariff;
import org.parkgate.fee.TariffException;
import org.parkgate.fee.TariffLoader;

/**
 * {@code parking fee}: quotes one stay from the command line and prints it as one JSON object, the
 * same numbers the exit lane and the booth show.
 */
public final class FeeCli {

  /** Exit status for a bad or missing argument. */
  public static final int BAD_ARGUMENTS = 2;

  /** Exit status for a tariff file that cannot be used. */
  public static final int BAD_TARIFF = 3;

  static final String USAGE =
      "usage: fee --tariff FILE --entry 2027-01-09T10:00"
          + " --exit 2027-01-09T12:01 [--zone Asia/Shanghai] [--class car] [--lost]"
          + " [--voucher CODE]...";

  /**
   * Written with the streaming generator rather than an ObjectMapper: the same text, without the
   * mapper's start-up cost on every run of the command.
   */
  private static final JsonFactory JSON = new JsonFactory();

  private FeeCli() {}

  public static void main(String[] args) {
    // JSON is UTF-8 whatever the locale says; fee lines may be in Chinese.
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, UTF_8);
    System.exit(run(args, out, err));
  }

  /** Runs the command; returns the process exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String tariffFile = null;
    String entry = null;
    String exit = null;
    String zone = null;
    String vehicleClass = "car";
    boolean lost = false;
    List<String> vouchers = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--lost")) {
        lost = true;
        continue;
      }
      if (a.equals("--help") || a.equals("-h")) {
        out.println(USAGE);
        return 0;
      }
      if (!List.of("--tariff", "--entry", "--exit", "--zone", "--class", "--voucher").contains(a)) {
        return fail(err, BAD_ARGUMENTS, "unknown argument '" + a + "'; " + USAGE);
      }
      if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
        return fail(err, BAD_ARGUMENTS, a + " needs a value");
      }
      String v = args[++i];
      switch (a) {
        case "--tariff" -> tariffFile = v;
        case "--entry" -> entry = v;
        case "--exit" -> exit = v;
        case "--zone" -> zone = v;
        case "--class" -> vehicleClass = v;
        default -> vouchers.add(v);
      }
    }
    if (tariffFile == null || entry == null || exit == null) {
      return fail(err, BAD_ARGUMENTS, "--tariff, --entry and --exit are required; " + USAGE);
    }
    Tariff tariff;
    try {
      tariff = TariffLoader.load(Path.of(tariffFile));
    } catch (TariffException e) {
      return fail(err, BAD_TARIFF, e.getMessage());
    }
    ZoneId readIn;
    try {
      readIn = zone == null ? tariff.zone() : ZoneId.of(zone);
    } catch (DateTimeException e) {
      return fail(err, BAD_ARGUMENTS, "--zone: '" + zone + "' is not a time zone");
    }
    try {
      Instant in = instant("--entry", entry, readIn);
      Instant outAt = instant("--exit", exit, readIn);
      if (outAt.isBefore(in)) {
        return fail(err, BAD_ARGUMENTS, "--exit " + exit + " is before --entry " + entry);
      }
      StayRequest request = new StayRequest(vehicleClass, in, outAt, lost, vouchers);
      FeeQuote quote = FeeEngine.quote(tariff, request);
      out.println(json(tariff, quote));
      return 0;
    } catch (IllegalArgumentException e) {
      return fail(err, BAD_ARGUMENTS, e.getMessage());
    } catch (ArithmeticException e) {
      // The loader bounds every tariff so that this cannot happen; say so plainly if it does.
      return fail(err, 1, "the fee is too large to work out");
    } catch (IOException e) {
      return fail(err, 1, "cannot write the result: " + e.getMessage());
    }
  }

  /** A local date-time is read in the site's zone; one with an offset or Z is taken as given. */
  private static Instant instant(String option, String text, ZoneId zone) {
    try {
      return SiteTime.instant(text, zone);
    } catch (IllegalArgumentException e) {
      throw e instanceof FeeRefusal
          ? e
          : new IllegalArgumentException(option + ": " + e.getMessage());
    }
  }

  private static String json(Tariff tariff, FeeQuote quote) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(text)) {
      g.writeStartObject();
      g.writeStringField("tariff", tariff.id());
      g.writeStringField("total", quote.total().toDecimalString());
      g.writeStringField("currency", quote.total().currency().getCurrencyCode());
      g.writeArrayFieldStart("lines");
      for (FeeLine line : quote.lines()) {
        g.writeStartObject();
        g.writeStringField("period", line.period());
        g.writeStringField("rule", line.rule());
        g.writeNumberField("quantity", line.quantity());
        g.writeStringField("amount", line.amount().toDecimalString());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return text.toString();
  }

  private static int fail(PrintStream err, int status, String reason) {
    err.println("fee: " + reason.replace('\n', ' '));
    return status;
  }
}
