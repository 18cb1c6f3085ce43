package org.parkgate.controller.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parkgate.api.Answer;
import org.parkgate.api.ConsoleCommand.ApplyVoucher;
import org.parkgate.api.Refusal;
import org.parkgate.api.Role;
import org.parkgate.api.Said;
import org.parkgate.controller.auth.Session;
import org.parkgate.controller.lane.LaneEvent;
import org.parkgate.controller.lane.LaneRunner;
import org.parkgate.controller.ledger.Ledger;
import org.parkgate.controller.ledger.Stay;
import org.parkgate.controller.ledger.Stays;
import org.parkgate.controller.ledger.VoucherCode;
import org.parkgate.controller.ledger.Vouchers;
import org.parkgate.controller.site.AccessControl;
import org.parkgate.controller.site.ExitDesk;
import org.parkgate.controller.site.TariffBook;
import org.parkgate.fee.FeeQuote;
import org.parkgate.money.Money;

/**
 * A voucher from the register used for the vehicle waiting at an exit: the code must have been
 * issued, not used, not voided, valid today, and of a voucher the tariff accepts. The fee is priced
 * again as the exit priced it (same time, same class, lost card or not) with every voucher used for
 * the stay; the code is then used up, and the lane asks what is left or lifts if nothing is.
 */
final class VoucherAtExit implements CommandHandler<ApplyVoucher> {
  private final Vouchers vouchers;
  private final Stays stays;
  private final ExitDesk exits;
  private final AccessControl access;
  private final TariffBook tariffs;
  private final ZoneId zone;
  private final Map<String, LaneRunner> lanes;

  VoucherAtExit(
      Ledger ledger,
      ExitDesk exits,
      AccessControl access,
      TariffBook tariffs,
      ZoneId zone,
      Map<String, LaneRunner> lanes) {
    this.vouchers = new Vouchers(ledger);
    this.stays = new Stays(ledger);
    this.exits = exits;
    this.access = access;
    this.tariffs = tariffs;
    this.zone = zone;
    this.lanes = lanes;
  }

  @Override
  public Class<ApplyVoucher> type() {
    return ApplyVoucher.class;
  }

  @Override
  public Set<Role> roles() {
    return Set.of(Role.CASHIER, Role.SUPERVISOR);
  }

  @Override
  public Decision handle(ApplyVoucher cmd, Session actor, Instant now) {
    LaneRunner runner = PayAtExit.ExitLanes.find(lanes, cmd.lane());
    if (runner == null) {
      return Decision.refused(cmd, Refusal.INVALID, PayAtExit.ExitLanes.unknown(lanes, cmd.lane()));
    }
    String code;
    try {
      code = VoucherCode.read(cmd.code());
    } catch (IllegalArgumentException e) {
      return Decision.refused(cmd, Refusal.INVALID, e.getMessage());
    }
    Optional<Stay> stay = stays.openStayById(cmd.stayId());
    Decision notWaiting =
        stay.isEmpty()
            ? PayAtExit.ExitLanes.noVehicle(cmd, cmd.lane(), cmd.stayId())
            : PayAtExit.ExitLanes.unlessWaiting(cmd, runner, exits, cmd.stayId());
    if (notWaiting != null) {
      return notWaiting;
    }
    // Waiting: its fee was asked at this lane.
    ExitDesk.Asked asked = exits.asked(cmd.stayId()).orElseThrow();
    String printed = VoucherCode.printed(code);
    Optional<Vouchers.Voucher> found = vouchers.find(code);
    if (found.isEmpty()) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of("未发行过优惠券 " + printed, "no voucher " + printed + " was issued"));
    }
    Vouchers.Voucher v = found.get();
    if (v.redeemed().isPresent()) {
      Vouchers.Redemption r = v.redeemed().get();
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of(
              "优惠券 " + printed + " 已于 " + r.at() + " 在 " + r.lane() + " 使用",
              "voucher " + printed + " was used at " + r.lane() + " on " + r.at() + " already"));
    }
    if (v.voided().isPresent()) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of(
              "优惠券 " + printed + " 已被财务作废：" + v.voided().get().reason(),
              "voucher " + printed + " was voided by finance: " + v.voided().get().reason()));
    }
    LocalDate today = LocalDate.ofInstant(now, zone);
    if (!v.batch().validOn(today)) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of(
              "优惠券 "
                  + printed
                  + " 有效期为 "
                  + v.batch().validFrom()
                  + " 至 "
                  + v.batch().validTo()
                  + "，今天 "
                  + today
                  + " 不能使用",
              "voucher "
                  + printed
                  + " is valid from "
                  + v.batch().validFrom()
                  + " to "
                  + v.batch().validTo()
                  + ", not on "
                  + today));
    }
    ExitDesk.Priced priced = asked.priced();
    if (!tariffs
        .tariff(priced.at())
        .versionAt(stay.get().enteredAt())
        .voucherCodes()
        .contains(v.batch().kind())) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of(
              "本次停车的收费标准不接受 '" + v.batch().kind() + "' 优惠券",
              "the tariff for this stay does not accept '" + v.batch().kind() + "' vouchers"));
    }
    List<String> kinds = new ArrayList<>();
    vouchers.redeemedFor(cmd.stayId()).forEach(u -> kinds.add(u.batch().kind()));
    if (kinds.contains(v.batch().kind())) {
      return Decision.refused(
          cmd,
          Refusal.NOT_NOW,
          Said.of(
              "本次停车已使用过 '" + v.batch().kind() + "' 优惠券",
              "a '" + v.batch().kind() + "' voucher was used for this stay already"));
    }
    kinds.add(v.batch().kind());
    FeeQuote quote =
        access.quote(stay.get(), priced.vehicle(), priced.at(), priced.lostCard(), kinds);
    Money before = asked.due();
    Money dueNow = exits.requote(cmd.stayId(), stay.get(), quote, now);
    vouchers.redeem(
        v.voucherId(),
        cmd.requestId(),
        cmd.stayId(),
        cmd.lane(),
        before,
        dueNow,
        actor.username(),
        now);
    long stayId = cmd.stayId();
    return Decision.done(
        cmd,
        new Answer.VoucherApplied(
            cmd.lane(), stayId, printed, v.batch().kind(), v.batch().issuer(), before, dueNow),
        () -> runner.deliver(new LaneEvent.Requoted(stayId, dueNow)));
  }
}
