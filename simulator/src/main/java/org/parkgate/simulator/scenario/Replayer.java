package org.parkgate.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Re-issues a recording's actions. The replay runs the recorded scenario's steps again, and each
 * call that changes something (a vehicle's move, a card, a fault, a cashier's command) is matched
 * to the recorded call of the same kind made for the same step, held back until that call's
 * recorded offset, and sent with the recorded body: the recorded plate, card, amount, tender, cash
 * count. Identifiers only the new run knows (sessions, stay, incident and lost-card numbers,
 * request ids) stay the new run's; a card number the recording took from an entry is sent as the
 * number the replay's lane issued for the same step. Looks at a lane are not re-issued: they are
 * how the runner waits, and it waits for the same things again. The replay's own calls are written
 * by {@code own}.
 */
final class Replayer implements Calls {
  /** Fields of a console command that name something of the run itself, not of the recording. */
  private static final Set<String> OWN =
      Set.of(
          "type",
          "requestId",
          "session",
          "stayId",
          "lostCardNo",
          "incidentNo",
          "receiptNo",
          "passNo",
          "shiftNo");

  private final Recorder own;
  private final Map<String, Map<String, Cursor>> byStep = new LinkedHashMap<>();
  private final Map<String, String> cards = new ConcurrentHashMap<>();
  private final ThreadLocal<Recording.Action> matched = new ThreadLocal<>();
  private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

  /** A step's recorded calls of one kind, in order; past the last, the last again (a retry). */
  private static final class Cursor {
    final List<Recording.Action> recorded = new ArrayList<>();
    int used;

    synchronized Recording.Action next() {
      Recording.Action a = recorded.get(Math.min(used, recorded.size() - 1));
      used++;
      return a;
    }
  }

  Replayer(List<Recording.Action> actions, Recorder own) {
    this.own = own;
    for (Recording.Action a : actions) {
      if (a.step() == null || !a.changes()) {
        continue;
      }
      byStep
          .computeIfAbsent(a.step() + " " + a.does(), k -> new LinkedHashMap<>())
          .computeIfAbsent(kind(a.to(), a.method(), a.path()), k -> new Cursor())
          .recorded
          .add(a);
    }
  }

  private static String kind(String to, String method, String path) {
    return to + " " + method + " " + path;
  }

  @Override
  public JsonNode sending(Call call) throws InterruptedException {
    own.sending(call);
    StepContext step = StepContext.current();
    if (!call.changes() || step == null) {
      return call.body();
    }
    Map<String, Cursor> kinds = byStep.get(step.key());
    Cursor cursor = kinds == null ? null : kinds.get(kind(call.to(), call.method(), call.path()));
    if (cursor == null) {
      notes.add(
          "line "
              + step.line()
              + " ("
              + step.does()
              + "): the replay made "
              + describe(call.method(), call.path())
              + ", which the recording has not");
      return call.body();
    }
    Recording.Action recorded = cursor.next();
    matched.set(recorded);
    own.awaitOffset(recorded.offsetMs());
    JsonNode body =
        call.to().equals(Calls.SIMULATOR) ? simulatorBody(recorded) : command(call, recorded);
    own.sending(new Call(call.to(), call.method(), call.path(), body));
    return body;
  }

  private JsonNode simulatorBody(Recording.Action recorded) {
    if (recorded.body() == null) {
      return null;
    }
    JsonNode body = recorded.body().deepCopy();
    mapCard(body);
    return body;
  }

  private JsonNode command(Call call, Recording.Action recorded) {
    if (!(call.body() instanceof ObjectNode fresh)
        || !(recorded.body() instanceof ObjectNode was)) {
      return call.body();
    }
    ObjectNode body = fresh.deepCopy();
    was.fields()
        .forEachRemaining(
            f -> {
              if (!OWN.contains(f.getKey())) {
                body.set(f.getKey(), f.getValue().deepCopy());
              }
            });
    mapCard(body);
    return body;
  }

  private void mapCard(JsonNode body) {
    if (body instanceof ObjectNode o && o.path("card").isTextual()) {
      String replayed = cards.get(o.path("card").asText());
      if (replayed != null) {
        o.put("card", replayed);
      }
    }
  }

  @Override
  public void answered(Call call, Integer status, String refused, JsonNode answer) {
    own.answered(call, status, refused, answer);
    Recording.Action recorded = matched.get();
    matched.remove();
    if (recorded != null
        && call.path().endsWith("/card/take")
        && answer != null
        && answer.path("card").isTextual()
        && recorded.answer() != null
        && recorded.answer().path("card").isTextual()) {
      cards.put(recorded.answer().path("card").asText(), answer.path("card").asText());
    }
  }

  /** How many of the recorded entry cards the replay's lanes issued with another number. */
  long cardsRenumbered() {
    return cards.entrySet().stream().filter(e -> !e.getKey().equals(e.getValue())).count();
  }

  /**
   * Where the replay took another path than the recording: calls it made that the recording has
   * not, and kinds of recorded call it never made.
   */
  List<String> divergences() {
    List<String> out = new ArrayList<>(notes);
    byStep.forEach(
        (step, kinds) ->
            kinds.forEach(
                (kind, cursor) -> {
                  if (cursor.used == 0) {
                    Recording.Action a = cursor.recorded.get(0);
                    out.add(
                        "line "
                            + a.step()
                            + " ("
                            + a.does()
                            + "): the recording made "
                            + describe(a.method(), a.path())
                            + " at "
                            + a.offsetMs()
                            + " ms, which the replay has not");
                  }
                }));
    return out;
  }

  private static String describe(String method, String path) {
    return path.equals("/console") ? method : method + " " + path;
  }
}
