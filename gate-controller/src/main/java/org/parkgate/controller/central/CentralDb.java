package org.parkgate.controller.central;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.parkgate.site.SiteConfig;

/** What the head office code shares about its database: one transaction, a script, a login. */
final class CentralDb {
  private CentralDb() {}

  /** Work on the database that may fail. */
  @FunctionalInterface
  interface Work<T> {
    T on(Connection db) throws SQLException;
  }

  /** Runs {@code work} in one transaction: all of it commits, or none of it. */
  static <T> T inTransaction(Connection db, Work<T> work) throws SQLException {
    boolean auto = db.getAutoCommit();
    db.setAutoCommit(false);
    try {
      T result = work.on(db);
      db.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(auto);
    }
  }

  /** The text of {@code central/NAME} in this build. */
  static String script(String name) {
    try (InputStream in = CentralDb.class.getResourceAsStream("/central/" + name)) {
      if (in == null) {
        throw new IllegalStateException("central/" + name + " is missing from this build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read central/" + name, e);
    }
  }

  /** A site's own login to head office, named {@code purpose} in the server's activity. */
  static Connection login(SiteConfig.Central settings, String password, String purpose)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", settings.user());
    p.setProperty("password", password);
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", "60");
    p.setProperty("tcpKeepAlive", "true");
    p.setProperty("ApplicationName", "parkgate " + purpose);
    return DriverManager.getConnection(settings.url(), p);
  }
}
