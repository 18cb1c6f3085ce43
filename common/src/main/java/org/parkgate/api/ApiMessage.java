package org.parkgate.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Every message on the console API, as JSON with a {@code type} property. Types are registered
 * here, in one place: events flow from the controller to consoles, commands from consoles to the
 * controller, and each command gets exactly one {@link CommandResult}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ConsoleEvent.LaneStatus.class, name = "lane-status"),
  @JsonSubTypes.Type(value = ConsoleEvent.EntryRecorded.class, name = "entry-recorded"),
  @JsonSubTypes.Type(value = ConsoleEvent.ExitPending.class, name = "exit-pending"),
  @JsonSubTypes.Type(value = ConsoleEvent.PaymentRecorded.class, name = "payment-recorded"),
  @JsonSubTypes.Type(value = ConsoleEvent.PaymentReversed.class, name = "payment-reversed"),
  @JsonSubTypes.Type(value = ConsoleEvent.VehicleLeft.class, name = "vehicle-left"),
  @JsonSubTypes.Type(value = ConsoleEvent.DeviceStatus.class, name = "device-status"),
  @JsonSubTypes.Type(value = ConsoleEvent.CardRejected.class, name = "card-rejected"),
  @JsonSubTypes.Type(value = ConsoleEvent.Incident.class, name = "incident"),
  @JsonSubTypes.Type(value = ConsoleEvent.LaneModeChanged.class, name = "lane-mode-changed"),
  @JsonSubTypes.Type(value = ConsoleEvent.Occupancy.class, name = "occupancy"),
  @JsonSubTypes.Type(value = ConsoleEvent.PassbackReset.class, name = "passback-reset"),
  @JsonSubTypes.Type(value = ConsoleEvent.ShiftClosed.class, name = "shift-closed"),
  @JsonSubTypes.Type(value = ConsoleEvent.FreePassAsked.class, name = "free-pass-asked"),
  @JsonSubTypes.Type(value = ConsoleEvent.FreePassDecided.class, name = "free-pass-decided"),
  @JsonSubTypes.Type(value = ConsoleEvent.VoucherRedeemed.class, name = "voucher-redeemed"),
  @JsonSubTypes.Type(value = ConsoleEvent.BarrierLifted.class, name = "barrier-lifted"),
  @JsonSubTypes.Type(value = ConsoleEvent.IncidentResolved.class, name = "incident-resolved"),
  @JsonSubTypes.Type(value = ConsoleEvent.ShiftHandedOver.class, name = "shift-handed-over"),
  @JsonSubTypes.Type(value = ConsoleCommand.Hello.class, name = "hello"),
  @JsonSubTypes.Type(value = ConsoleCommand.Login.class, name = "login"),
  @JsonSubTypes.Type(value = ConsoleCommand.Logout.class, name = "logout"),
  @JsonSubTypes.Type(value = ConsoleCommand.UnlockUser.class, name = "unlock-user"),
  @JsonSubTypes.Type(value = ConsoleCommand.RecordCashPayment.class, name = "record-cash-payment"),
  @JsonSubTypes.Type(value = ConsoleCommand.ReversePayment.class, name = "reverse-payment"),
  @JsonSubTypes.Type(value = ConsoleCommand.SetLaneMode.class, name = "set-lane-mode"),
  @JsonSubTypes.Type(value = ConsoleCommand.ResetPassback.class, name = "reset-passback"),
  @JsonSubTypes.Type(value = ConsoleCommand.OpenShift.class, name = "open-shift"),
  @JsonSubTypes.Type(value = ConsoleCommand.CloseShift.class, name = "close-shift"),
  @JsonSubTypes.Type(value = ConsoleCommand.PayStationPayment.class, name = "pay-station-payment"),
  @JsonSubTypes.Type(value = ConsoleCommand.FindStay.class, name = "find-stay"),
  @JsonSubTypes.Type(value = ConsoleCommand.ReportLostCard.class, name = "report-lost-card"),
  @JsonSubTypes.Type(value = ConsoleCommand.AskFreePass.class, name = "ask-free-pass"),
  @JsonSubTypes.Type(value = ConsoleCommand.DecideFreePass.class, name = "decide-free-pass"),
  @JsonSubTypes.Type(value = ConsoleCommand.ApplyVoucher.class, name = "apply-voucher"),
  @JsonSubTypes.Type(value = ConsoleCommand.LiftBarrier.class, name = "lift-barrier"),
  @JsonSubTypes.Type(value = ConsoleCommand.OpenDrawer.class, name = "open-drawer"),
  @JsonSubTypes.Type(value = ConsoleCommand.ReprintReceipt.class, name = "reprint-receipt"),
  @JsonSubTypes.Type(value = ConsoleCommand.RecordCashDrop.class, name = "record-cash-drop"),
  @JsonSubTypes.Type(value = ConsoleEvent.LostCardRegistered.class, name = "lost-card-registered"),
  @JsonSubTypes.Type(value = ConsoleEvent.LostCardDecided.class, name = "lost-card-decided"),
  @JsonSubTypes.Type(value = ConsoleCommand.DecideLostCard.class, name = "decide-lost-card"),
  @JsonSubTypes.Type(value = ConsoleCommand.ListLostCards.class, name = "list-lost-cards"),
  @JsonSubTypes.Type(value = ConsoleCommand.ResolveIncident.class, name = "resolve-incident"),
  @JsonSubTypes.Type(value = ConsoleCommand.HandOverShift.class, name = "hand-over-shift"),
  @JsonSubTypes.Type(
      value = ConsoleCommand.ReprintShiftReport.class,
      name = "reprint-shift-report"),
  @JsonSubTypes.Type(
      value = ConsoleCommand.ListVoucherBatches.class,
      name = "list-voucher-batches"),
  @JsonSubTypes.Type(value = ConsoleCommand.IssueVouchers.class, name = "issue-vouchers"),
  @JsonSubTypes.Type(value = ConsoleCommand.ShowVoucher.class, name = "show-voucher"),
  @JsonSubTypes.Type(value = ConsoleCommand.VoidVoucher.class, name = "void-voucher"),
  @JsonSubTypes.Type(value = ConsoleCommand.ListExemptions.class, name = "list-exemptions"),
  @JsonSubTypes.Type(value = ConsoleCommand.ShowReport.class, name = "show-report"),
  @JsonSubTypes.Type(value = ConsoleCommand.ExportReportPage.class, name = "export-report-page"),
  @JsonSubTypes.Type(value = CommandResult.class, name = "result"),
  @JsonSubTypes.Type(value = Welcome.class, name = "welcome"),
})
public sealed interface ApiMessage permits ConsoleEvent, ConsoleCommand, CommandResult, Welcome {}
