package org.parkgate.console.booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkgate.site.BarrierPosition;
import org.parkgate.site.LaneKind;
import org.parkgate.site.LaneMode;
import org.parkgate.site.LaneState;

class BoothViewChangeTest {
  private static final BoothView.Site SITE =
      new BoothView.Site("site-1", "Demo", "Asia/Shanghai", "CNY", "¥");

  private static BoothView.Lane lane(String id, LaneState state) {
    return new BoothView.Lane(
        id,
        id,
        LaneKind.EXIT,
        state,
        BarrierPosition.CLOSED,
        false,
        List.of(),
        LaneMode.NORMAL,
        List.of(),
        null,
        null,
        null);
  }

  private static BoothView.State state(List<BoothView.Lane> lanes, boolean online) {
    return new BoothView.State(
        "state",
        SITE,
        new BoothView.Link(online, online ? "" : "gone", 7),
        new BoothView.Printer("NONE", false, "", "", 0, 0),
        lanes,
        List.of(),
        List.of(),
        List.of());
  }

  @Test
  void aFeeAtOneOfTenExitsSendsThatLaneAlone() {
    List<BoothView.Lane> idle =
        java.util.stream.IntStream.rangeClosed(1, 10)
            .mapToObj(i -> lane("exit-" + i, LaneState.IDLE))
            .toList();
    List<BoothView.Lane> one = new java.util.ArrayList<>(idle);
    one.set(6, lane("exit-7", LaneState.AWAITING_PAYMENT));

    BoothView.Change c =
        BoothView.Change.between(state(idle, true), state(one, true)).orElseThrow();

    assertEquals(List.of("exit-7"), c.lanes().stream().map(BoothView.Lane::id).toList());
    assertEquals(LaneState.AWAITING_PAYMENT, c.lanes().get(0).state());
    assertNull(c.link());
    assertNull(c.printer());
    assertNull(c.shifts());
    assertNull(c.freePasses());
    assertNull(c.incidents());
  }

  @Test
  void nothingDrawnChangedSendsNothingAndTheLinkAloneSendsTheLink() {
    List<BoothView.Lane> lanes = List.of(lane("exit-1", LaneState.IDLE));
    assertTrue(BoothView.Change.between(state(lanes, true), state(lanes, true)).isEmpty());

    BoothView.Change down =
        BoothView.Change.between(state(lanes, true), state(lanes, false)).orElseThrow();
    assertTrue(down.lanes().isEmpty());
    assertFalse(down.link().online());
  }

  @Test
  void aLaneAddedOrTheSiteChangedNeedsTheWholeState() {
    BoothView.State one = state(List.of(lane("exit-1", LaneState.IDLE)), true);
    BoothView.State two =
        state(List.of(lane("exit-1", LaneState.IDLE), lane("exit-2", LaneState.IDLE)), true);
    assertFalse(BoothView.Change.applies(one, two));
    assertTrue(BoothView.Change.applies(one, one));
  }
}
