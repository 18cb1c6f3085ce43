package org.parkgate.controller.central;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Head office's views over the links ({@code central/V2__views.sql}): functions that read a typed
 * field out of a link's canonical row text ({@code central.field_text}, {@code field_int}, ...) and
 * the views of payments, tenders, reversals, unpaid balances, settlements and arrears across every
 * site. Installing them again replaces them, so it is done after every {@link
 * CentralSchema#install} and on every upgrade. Nothing is granted on them: only head office's own
 * roles read them. A site's role may call {@code central.arrears_elsewhere} for its own site only
 * ({@code central/V3__arrears_elsewhere.sql}): plates, amounts, sites and dates owed elsewhere. The
 * views of shifts, handovers, free passes, manual lifts, lane modes and waivers ({@code
 * central/V4__more_views.sql}) follow, for the central-shifts and central-exemptions reports.
 */
public final class CentralViews {
  private CentralViews() {}

  /**
   * Creates or replaces the functions and views in one transaction; the schema must be installed.
   */
  public static void install(Connection db) throws SQLException {
    if (!CentralSchema.installed(db)) {
      throw new SQLException("the central schema is not installed: install it first");
    }
    String sql =
        resource("V2__views.sql")
            + "\n"
            + resource("V3__arrears_elsewhere.sql")
            + "\n"
            + resource("V4__more_views.sql")
            + "\n"
            + resource("V5__reader.sql");
    boolean auto = db.getAutoCommit();
    db.setAutoCommit(false);
    try (Statement s = db.createStatement()) {
      s.execute(sql);
      db.commit();
    } catch (SQLException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(auto);
    }
  }

  private static String resource(String name) {
    try (InputStream in = CentralViews.class.getResourceAsStream("/central/" + name)) {
      if (in == null) {
        throw new IllegalStateException("central/" + name + " is missing from this build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read central/" + name, e);
    }
  }
}
