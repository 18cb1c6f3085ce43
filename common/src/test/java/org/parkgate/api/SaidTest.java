package org.parkgate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class SaidTest {

  @Test
  void aSentenceIsSaidInChineseThenEnglish() {
    String said = Said.of("车道 exit-1 没有待缴费车辆", "no vehicle is waiting to pay at exit-1");
    assertEquals("车道 exit-1 没有待缴费车辆 · no vehicle is waiting to pay at exit-1", said);
    assertEquals("车道 exit-1 没有待缴费车辆", Said.zh(said));
    assertEquals("no vehicle is waiting to pay at exit-1", Said.en(said));
  }

  @Test
  void aSentenceSaidInOneLanguageIsBothItsHalves() {
    assertEquals("console says hello", Said.zh("console says hello"));
    assertEquals("console says hello", Said.en("console says hello"));
  }

  @Test
  void aLeadInGoesBeforeEachHalf() {
    String said = Said.after("备用金：", "float: ", Said.of("面额 5.00 重复清点", "5.00 is counted twice"));
    assertEquals("备用金：面额 5.00 重复清点 · float: 5.00 is counted twice", said);
  }

  @Test
  void aPlateWithItsOwnDotStaysWholeInBothHalves() {
    // Only " · " parts the halves: the middle dot a plate is written with is part of the value.
    String said = Said.of("车牌 京A·12345 没有在场车辆", "no open stay for plate 京A·12345");
    assertEquals("车牌 京A·12345 没有在场车辆", Said.zh(said));
    assertEquals("no open stay for plate 京A·12345", Said.en(said));
  }

  @Test
  void aWrongCashCountIsSaidInBothWithItsFigures() {
    Currency cny = Currency.getInstance("CNY");
    String twice =
        new CashCount("CNY", List.of(new CashCount.Pieces(500, 1), new CashCount.Pieces(500, 2)))
            .problem(cny)
            .orElseThrow();
    assertEquals("面额 5.00 重复清点 · 5.00 is counted twice", twice);
  }

  @Test
  void aMissingCardReferenceIsSaidInBoth() {
    String missing = Tender.CARD.referenceProblem(" ").orElseThrow();
    assertTrue(missing.startsWith("银行卡收款须填写"), missing);
    assertTrue(
        Said.en(missing).equals("a bank card payment needs the card terminal's reference number"),
        missing);
  }
}
