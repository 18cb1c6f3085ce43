package org.parkgate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The one JSON mapping of the console API, shared by controller and consoles. */
public final class ApiJson {
  /** No message on the API is anywhere near this; larger input is refused before parsing. */
  public static final int MAX_MESSAGE_BYTES = 64 * 1024;

  /**
   * What a console accepts from its controller: a report answer ({@code Answer.ReportShown}) may
   * carry a year's hours; the controller refuses a report larger than this before sending it.
   * Commands to the controller stay within {@link #MAX_MESSAGE_BYTES}.
   */
  public static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          // Records only: helpers such as Money.isZero() are not part of the wire format.
          .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private ApiJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(ApiMessage message) {
    try {
      return MAPPER.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + message, e);
    }
  }

  /**
   * Reads one message.
   *
   * @throws BadMessageException with a reason fit to send back to the sender
   */
  public static ApiMessage read(String json) throws BadMessageException {
    return read(json, MAX_MESSAGE_BYTES);
  }

  /**
   * Reads one message of at most {@code limit} characters ({@link #MAX_ANSWER_BYTES} for what a
   * console hears from its controller).
   *
   * @throws BadMessageException with a reason fit to send back to the sender
   */
  public static ApiMessage read(String json, int limit) throws BadMessageException {
    if (json.length() > limit) {
      throw new BadMessageException(
          "message too large: " + json.length() + " characters, at most " + limit);
    }
    try {
      ApiMessage message = MAPPER.readValue(json, ApiMessage.class);
      if (message == null) {
        throw new BadMessageException("empty message");
      }
      return message;
    } catch (InvalidTypeIdException e) {
      throw new BadMessageException("unknown message type '" + e.getTypeId() + "'");
    } catch (UnrecognizedPropertyException e) {
      throw new BadMessageException("unknown field '" + e.getPropertyName() + "'");
    } catch (InvalidFormatException e) {
      if (e.getTargetType() != null && e.getTargetType().isEnum()) {
        throw new BadMessageException(unknownValue(e));
      }
      throw new BadMessageException("malformed message: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new BadMessageException("malformed message: " + e.getOriginalMessage());
    }
  }

  /**
   * "unknown mode 'SOMETIMES' (one of NORMAL, HELD_OPEN, ...)": the field, the value, the choice.
   */
  private static String unknownValue(InvalidFormatException e) {
    String field =
        e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
    String allowed =
        Arrays.stream(e.getTargetType().getEnumConstants())
            .map(c -> MAPPER.convertValue(c, String.class))
            .collect(Collectors.joining(", "));
    return "unknown "
        + (field == null ? e.getTargetType().getSimpleName() : field)
        + " '"
        + e.getValue()
        + "' (one of "
        + allowed
        + ")";
  }

  /** Input that is not a valid API message; the message says why. */
  public static final class BadMessageException extends Exception {
    public BadMessageException(String message) {
      super(message);
    }
  }
}
