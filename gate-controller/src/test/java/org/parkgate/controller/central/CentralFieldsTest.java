package org.parkgate.controller.central;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The field functions of {@code central/V2__views.sql} on awkward canonical texts: Chinese text
 * (its length in UTF-8 bytes, not characters), text holding newlines and things that look like the
 * next column, NULLs, empty text, negative integers, reals and blobs; and texts that do not parse.
 */
class CentralFieldsTest {
  private static PgCluster pg;
  private static Connection db;

  @BeforeAll
  static void headOffice() throws Exception {
    pg = PgCluster.create();
    db = pg.superuser();
    CentralSchema.install(db);
    CentralViews.install(db);
    CentralViews.install(db); // again: it replaces what is there
  }

  @AfterAll
  static void close() throws Exception {
    if (db != null) {
      db.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  private static String t(String text) {
    return "t" + text.getBytes(StandardCharsets.UTF_8).length + ":" + text;
  }

  /** A canonical text of link 7 of table {@code demo} with these column lines. */
  private static String canonical(String... columns) {
    StringBuilder out = new StringBuilder("link=7\ntable=demo\n");
    for (String c : columns) {
      out.append(c).append('\n');
    }
    return out.toString();
  }

  private static final String AWKWARD =
      canonical(
          "id=i-9223372036854775808",
          "plate=" + t("沪A·12345"),
          "note=" + t("第一行\nlate=i5\n第三行"),
          "late=i-42",
          "empty=" + t(""),
          "gone=n",
          "rate=r-1.5E-7",
          "whole=i3",
          "raw=b00ff10",
          "emoji=" + t("🚗 ok"),
          "last=" + t("ends with a newline\n"));

  private static Object one(String sql, Object... args) throws SQLException {
    try (PreparedStatement p = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      try (ResultSet r = p.executeQuery()) {
        assertTrue(r.next());
        return r.getObject(1);
      }
    }
  }

  @Test
  void typedFieldsComeOutAsTheSiteHeldThem() throws Exception {
    assertEquals(Long.MIN_VALUE, one("SELECT central.field_int(?, 'id')", AWKWARD));
    assertEquals("沪A·12345", one("SELECT central.field_text(?, 'plate')", AWKWARD));
    assertEquals("第一行\nlate=i5\n第三行", one("SELECT central.field_text(?, 'note')", AWKWARD));
    assertEquals(-42L, one("SELECT central.field_int(?, 'late')", AWKWARD));
    assertEquals("", one("SELECT central.field_text(?, 'empty')", AWKWARD));
    assertNull(one("SELECT central.field_text(?, 'gone')", AWKWARD));
    assertNull(one("SELECT central.field_int(?, 'gone')", AWKWARD));
    assertEquals(true, one("SELECT central.field_is_null(?, 'gone')", AWKWARD));
    assertEquals(false, one("SELECT central.field_is_null(?, 'empty')", AWKWARD));
    assertNull(one("SELECT central.field_text(?, 'no_such_column')", AWKWARD));
    assertEquals(-1.5e-7, (Double) one("SELECT central.field_real(?, 'rate')", AWKWARD), 0.0);
    assertEquals(3.0, (Double) one("SELECT central.field_real(?, 'whole')", AWKWARD), 0.0);
    assertArrayEquals(
        new byte[] {0, (byte) 0xff, 0x10},
        (byte[]) one("SELECT central.field_blob(?, 'raw')", AWKWARD));
    assertEquals("🚗 ok", one("SELECT central.field_text(?, 'emoji')", AWKWARD));
    assertEquals("ends with a newline\n", one("SELECT central.field_text(?, 'last')", AWKWARD));
    // The link and table lines are not fields.
    assertNull(one("SELECT central.field_text(?, 'table')", AWKWARD));
    assertEquals(
        11L,
        ((Number) one("SELECT count(*) FROM jsonb_object_keys(central.fields(?))", AWKWARD))
            .longValue());
  }

  @Test
  void aFieldOfAnotherTypeIsAnErrorNotAGuess() {
    SQLException e =
        assertThrows(
            SQLException.class, () -> one("SELECT central.field_int(?, 'plate')", AWKWARD));
    assertTrue(e.getMessage().contains("is not an integer"), e.getMessage());
    assertThrows(SQLException.class, () -> one("SELECT central.field_text(?, 'late')", AWKWARD));
  }

  @Test
  void textsThatDoNotParseAreRefused() {
    for (String bad :
        new String[] {
          canonical("plate=t2:沪"), // 2 of the character's 3 bytes
          canonical("plate=t9:ab"), // longer than what is left
          canonical("plate=t2:abc"), // the text runs past its length
          canonical("n=ix1"),
          canonical("n=q1"),
          canonical("n=b0"),
          "link=7\ntable=demo\nn=i1", // no newline at the end
        }) {
      SQLException e =
          assertThrows(SQLException.class, () -> one("SELECT central.fields(?)", bad), bad);
      assertTrue(e.getMessage().contains("central.fields"), e.getMessage());
    }
    assertFalse(AWKWARD.isEmpty());
  }
}
