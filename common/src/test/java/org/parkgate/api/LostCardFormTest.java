package org.parkgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parkgate.money.Money;

class LostCardFormTest {
  static final LostCardForm GOOD =
      new LostCardForm(
          "张伟", "138 0013-8000", "11010519491231002x", "粤B·12345", "car", "white", "丢在商场里");

  private static String problem(LostCardForm f) {
    return f.problem().orElse("none");
  }

  private static LostCardForm withId(String id) {
    return new LostCardForm(
        GOOD.driverName(),
        GOOD.phone(),
        id,
        GOOD.plate(),
        GOOD.vehicleClass(),
        GOOD.colour(),
        GOOD.circumstances());
  }

  @Test
  void aCompleteFormHasNoProblemAndIsKeptInItsNormalForm() {
    assertEquals(Optional.empty(), GOOD.problem());
    LostCardForm kept = GOOD.normal();
    assertEquals("13800138000", kept.phone());
    assertEquals("11010519491231002X", kept.idNumber());
    assertEquals("粤B12345", kept.plate());
  }

  @Test
  void eachMissingFieldIsNamedInBothLanguagesInFormOrder() {
    assertEquals(
        "请填写驾驶人姓名 · Enter the driver's name",
        problem(new LostCardForm(" ", null, null, null, null, null, null)));
    assertEquals(
        "请填写联系电话 · Enter the driver's phone number",
        problem(new LostCardForm("张伟", "", "", "", "", "", "")));
    assertEquals(
        "请填写车身颜色 · Enter the vehicle colour",
        problem(
            new LostCardForm("张伟", "13800138000", "11010519491231002X", "粤B12345", "car", "", "")));
    assertEquals(
        "请填写遗失经过 · Enter how the card was lost",
        problem(
            new LostCardForm(
                "张伟", "13800138000", "11010519491231002X", "粤B12345", "car", "red", "")));
  }

  @Test
  void aPhoneIsSevenToFifteenDigits() {
    LostCardForm letters =
        new LostCardForm("张伟", "1380013800O", "11010519491231002X", "粤B12345", "car", "red", "x");
    assertTrue(problem(letters).contains("7-15 digits"), problem(letters));
    LostCardForm shortOne =
        new LostCardForm("张伟", "123456", "11010519491231002X", "粤B12345", "car", "red", "x");
    assertTrue(problem(shortOne).contains("7-15 digits"), problem(shortOne));
  }

  @Test
  void aResidentIdHasEighteenCharactersAndItsIsoModElevenTwoCheckCharacter() {
    assertEquals(
        "身份证号码应为 18 位，现为 17 位 · The ID number has 18 characters, not 17",
        problem(withId("11010519491231002")));
    assertTrue(problem(withId("1101051949123100AX")).contains("first 17 characters are digits"));
    // One digit mistyped: the check character no longer matches.
    assertTrue(problem(withId("11010519491231003X")).contains("check character is wrong"));
    assertTrue(problem(withId("110105194912310021")).contains("check character is wrong"));
    assertEquals(Optional.empty(), withId("440304199001011233").problem());
    assertTrue(LostCardForm.validResidentId("31011519850615201x"));
    assertFalse(LostCardForm.validResidentId("310115198506152010"));
  }

  @Test
  void textsAreBounded() {
    String longText = "很".repeat(LostCardForm.MAX_CIRCUMSTANCES + 1);
    LostCardForm f =
        new LostCardForm(
            "张伟", "13800138000", "11010519491231002X", "粤B12345", "car", "red", longText);
    assertEquals("遗失经过最多 200 个字 · How the card was lost is at most 200 characters", problem(f));
    LostCardForm plate =
        new LostCardForm("张伟", "13800138000", "11010519491231002X", "粤B/12345", "car", "red", "x");
    assertTrue(problem(plate).contains("only letters, digits"), problem(plate));
  }

  @Test
  void theCommandsAndAnswersRoundTripAsJson() throws Exception {
    ConsoleCommand report = new ConsoleCommand.ReportLostCard("r-1", "s", "exit-1", 7, GOOD);
    assertEquals(report, ApiJson.read(ApiJson.write(report)));
    ConsoleCommand decide = new ConsoleCommand.DecideLostCard("r-2", "s", 3, true, null);
    assertEquals(decide, ApiJson.read(ApiJson.write(decide)));
    CommandResult asked =
        CommandResult.ok(
            "r-1",
            new Answer.LostCardAsked(
                3,
                "exit-1",
                7,
                "00A1",
                "粤B12345",
                "粤B12345",
                null,
                Money.of(900, "CNY"),
                Money.of(5000, "CNY"),
                Money.of(5900, "CNY"),
                LostCardStatus.AWAITING_APPROVAL,
                "cashier1"));
    assertEquals(asked, ApiJson.read(ApiJson.write(asked)));
  }
}
