package org.parkgate.console.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.parkgate.api.ApiJson;

/** Building and sending HTTP responses with the headers every answer of the console carries. */
final class Responses {
  /** Pages load only our own scripts and styles and talk only to us; no framing by others. */
  private static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
          + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

  private Responses() {}

  static FullHttpResponse bytes(HttpResponseStatus status, String contentType, byte[] body) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    r.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
        .set("X-Content-Type-Options", "nosniff")
        .set("Referrer-Policy", "no-referrer")
        .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CSP);
    return r;
  }

  static FullHttpResponse html(HttpResponseStatus status, String html) {
    return bytes(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  static FullHttpResponse text(HttpResponseStatus status, String text) {
    return bytes(
        status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static FullHttpResponse json(HttpResponseStatus status, Object body) {
    try {
      return bytes(status, "application/json", ApiJson.mapper().writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
    }
  }

  static FullHttpResponse error(HttpResponseStatus status, String message) {
    return json(status, Map.of("error", message));
  }

  static FullHttpResponse redirect(String location) {
    FullHttpResponse r =
        bytes(HttpResponseStatus.SEE_OTHER, "text/plain; charset=utf-8", new byte[0]);
    r.headers().set(HttpHeaderNames.LOCATION, location);
    return r;
  }

  /** Sends and, unless the client asked to keep the connection, closes it after writing. */
  static void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response) {
    HttpUtil.setKeepAlive(response, keepAlive);
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.writeAndFlush(response);
    }
  }

  /** Escapes text for HTML element content and quoted attributes. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
