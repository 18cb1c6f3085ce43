package org.parkgate.console.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.api.Role;
import org.parkgate.api.Tender;
import org.parkgate.console.auth.Session;
import org.parkgate.report.Filter;
import org.parkgate.report.ReportFormat;
import org.parkgate.report.ReportKind;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.ReportWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The finance page ({@code /finance}) and what it asks: the reports the person's role reads ({@code
 * /api/finance/meta}), one report as the controller computed it ({@code /api/finance/report}) and
 * the same report as a file ({@code /api/finance/export}: CSV in UTF-8 with a BOM or GB18030, or
 * XLSX, written through the shared {@link ReportWriter}'s sink to the browser as the controller's
 * pages arrive, {@link ExportStream}). Every route needs a session of finance or a supervisor; the
 * controller checks the role again and computes the report: the console only presents and writes it
 * out.
 */
final class FinanceRoutes {
  private static final Logger log = LoggerFactory.getLogger(FinanceRoutes.class);

  /** Who the console lets open the page; the controller decides for each report again. */
  static final Set<Role> READERS = EnumSet.of(Role.FINANCE, Role.SUPERVISOR);

  private static final long CONTROLLER_SECONDS = 60;
  private static final String XLSX =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final HttpServices services;
  private final StaticAssets assets;

  FinanceRoutes(HttpServices services, StaticAssets assets) {
    this.services = services;
    this.assets = assets;
  }

  /** The page itself: to the sign-in page without a session, refused to other roles. */
  void page(
      ChannelHandlerContext ctx, FullHttpRequest req, boolean keepAlive, Optional<Session> s) {
    if (!get(req)) {
      Responses.send(ctx, keepAlive, notAllowed());
    } else if (s.isEmpty()) {
      Responses.send(ctx, keepAlive, Responses.redirect("/login"));
    } else if (!READERS.contains(s.get().role())) {
      Responses.send(
          ctx,
          keepAlive,
          Responses.html(
              HttpResponseStatus.FORBIDDEN,
              "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>财务报表"
                  + " Finance</title><link rel=\"stylesheet\" href=\"/assets/booth.css\"></head>"
                  + "<body class=\"login-page\"><main class=\"login-box\"><h1 id=\"refused\">"
                  + "无权查看财务报表 · Finance reports are for finance and supervisors</h1><p>"
                  + Responses.escape(s.get().username())
                  + "（"
                  + Responses.escape(s.get().role().chinese())
                  + " · "
                  + Responses.escape(s.get().role().english())
                  + "）</p><p><a href=\"/\">返回收费亭 · Back to the booth</a></p></main></body>"
                  + "</html>"));
    } else {
      Responses.send(
          ctx,
          keepAlive,
          assets
              .get("finance.html")
              .map(a -> Responses.bytes(HttpResponseStatus.OK, a.contentType(), a.body()))
              .orElseThrow());
    }
  }

  /**
   * What the page needs to draw its form: who is signed in, the site's zone and today there, the
   * report kinds the role reads with their filters, the lanes and the tenders.
   */
  void meta(
      ChannelHandlerContext ctx, FullHttpRequest req, boolean keepAlive, Optional<Session> s) {
    Optional<FullHttpResponse> refused = refuse(req, s);
    if (refused.isPresent()) {
      Responses.send(ctx, keepAlive, refused.get());
      return;
    }
    Role role = s.get().role();
    List<Map<String, Object>> kinds = new ArrayList<>();
    for (ReportKind k : ReportKind.values()) {
      if (k.readableBy(role) && !k.headOffice()) {
        List<String> filters = new ArrayList<>();
        for (Filter f : Filter.values()) {
          if (k.filters().contains(f)) {
            filters.add(f.name().toLowerCase(java.util.Locale.ROOT));
          }
        }
        kinds.add(Map.of("code", k.code(), "zh", k.zh(), "en", k.en(), "filters", filters));
      }
    }
    List<Map<String, String>> tenders = new ArrayList<>();
    for (Tender t : Tender.values()) {
      tenders.add(Map.of("code", t.code(), "zh", t.chinese(), "en", t.english()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("site", services.siteName());
    body.put("username", s.get().username());
    body.put("displayName", s.get().displayName());
    body.put("role", role);
    body.put("roleZh", role.chinese());
    body.put("roleEn", role.english());
    body.put("zone", services.zone().getId());
    body.put(
        "today",
        LocalDate.ofInstant(services.sessions().clock().instant(), services.zone()).toString());
    body.put("kinds", kinds);
    body.put("lanes", services.lanes());
    body.put("tenders", tenders);
    Responses.send(ctx, keepAlive, Responses.json(HttpResponseStatus.OK, body));
  }

  /**
   * One report, from the controller: as JSON for the page, or with {@code export} as a file in the
   * format the query names ({@code format=csv|xlsx}, {@code charset=utf-8|gb18030}).
   */
  void report(
      ChannelHandlerContext ctx,
      FullHttpRequest req,
      boolean keepAlive,
      Optional<Session> s,
      boolean export) {
    Optional<FullHttpResponse> refused = refuse(req, s);
    if (refused.isPresent()) {
      Responses.send(ctx, keepAlive, refused.get());
      return;
    }
    Map<String, List<String>> q = new QueryStringDecoder(req.uri()).parameters();
    ReportRequest request;
    ReportFormat format = ReportFormat.JSON;
    Charset charset = StandardCharsets.UTF_8;
    try {
      request = request(q);
      if (export) {
        format =
            ReportFormat.of(param(q, "format"))
                .filter(f -> f == ReportFormat.CSV || f == ReportFormat.XLSX)
                .orElseThrow(() -> new BadQuery("导出格式须为 CSV 或 XLSX · format is csv or xlsx"));
        String cs = param(q, "charset");
        if (cs != null && cs.equalsIgnoreCase("gb18030")) {
          charset = ReportWriter.GB18030;
        } else if (cs != null && !cs.isBlank() && !cs.equalsIgnoreCase("utf-8")) {
          throw new BadQuery("编码须为 UTF-8 或 GB18030 · charset is utf-8 or gb18030");
        }
      }
    } catch (BadQuery e) {
      Responses.send(
          ctx, keepAlive, Responses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
      return;
    }
    if (export) {
      new ExportStream(
              ctx,
              keepAlive,
              services.controller(),
              s.get().token(),
              request,
              format,
              charset,
              CONTROLLER_SECONDS)
          .start();
      return;
    }
    String id = "report-" + UUID.randomUUID();
    services
        .controller()
        .apply(new ConsoleCommand.ShowReport(id, s.get().token(), request))
        .orTimeout(CONTROLLER_SECONDS, TimeUnit.SECONDS)
        .whenComplete(
            (result, failure) ->
                ctx.executor()
                    .execute(() -> Responses.send(ctx, keepAlive, answer(result, failure))));
  }

  private static FullHttpResponse answer(CommandResult result, Throwable failure) {
    if (failure != null || result == null || !result.ok()) {
      return failed(result, failure);
    }
    if (!(result.answer() instanceof Answer.ReportShown shown)) {
      return Responses.error(
          HttpResponseStatus.BAD_GATEWAY, "unexpected answer " + result.answer());
    }
    return Responses.json(HttpResponseStatus.OK, shown.report());
  }

  /** The error answer for a command that failed, was refused, or was answered unexpectedly. */
  static FullHttpResponse failed(CommandResult result, Throwable failure) {
    if (failure != null || result == null) {
      log.warn("finance: no report from the controller: {}", failure);
      return Responses.error(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "控制器未应答，请稍后再试 · The controller did not answer: try again shortly");
    }
    if (!result.ok()) {
      return Responses.error(status(result), result.error());
    }
    return Responses.error(HttpResponseStatus.BAD_GATEWAY, "unexpected answer " + result.answer());
  }

  /** The content type of an export. */
  static String contentType(ReportFormat format, Charset charset) {
    return format == ReportFormat.XLSX
        ? XLSX
        : "text/csv; charset=" + (charset.equals(StandardCharsets.UTF_8) ? "utf-8" : "GB18030");
  }

  /**
   * {@code attachment} with an ASCII name for old clients ({@code revenue-by-day_2026-10-01_...})
   * and the Chinese title in UTF-8 for the rest (RFC 6266, RFC 5987).
   */
  static String disposition(ReportRequest q, ReportFormat format, Charset charset) {
    String suffix =
        "_"
            + q.from()
            + "_"
            + q.to()
            + (charset.equals(ReportWriter.GB18030) ? "_gb18030" : "")
            + "."
            + format.lowerName();
    String ascii = q.kind().code() + suffix;
    String utf8 =
        URLEncoder.encode(q.kind().zh() + "_" + q.kind().code() + suffix, StandardCharsets.UTF_8)
            .replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8;
  }

  private static HttpResponseStatus status(CommandResult r) {
    if (r.refusal() == null) {
      return HttpResponseStatus.BAD_GATEWAY;
    }
    return switch (r.refusal()) {
      case FORBIDDEN -> HttpResponseStatus.FORBIDDEN;
      case NOT_LOGGED_IN -> HttpResponseStatus.UNAUTHORIZED;
      case INVALID -> HttpResponseStatus.BAD_REQUEST;
      default -> HttpResponseStatus.SERVICE_UNAVAILABLE;
    };
  }

  /** The request the query asks for; the controller checks what it means. */
  static ReportRequest request(Map<String, List<String>> q) throws BadQuery {
    ReportKind kind =
        ReportKind.of(param(q, "kind"))
            .orElseThrow(() -> new BadQuery("没有这种报表 · no report kind '" + param(q, "kind") + "'"));
    LocalDate from = day(q, "from");
    LocalDate to = day(q, "to");
    String tenderText = param(q, "tender");
    Tender tender = null;
    if (tenderText != null && !tenderText.isBlank()) {
      tender =
          Tender.of(tenderText)
              .orElseThrow(() -> new BadQuery("没有这种支付方式 · no tender '" + tenderText + "'"));
    }
    return new ReportRequest(
        kind, from, to, param(q, "lane"), param(q, "cashier"), tender, param(q, "class"));
  }

  private static LocalDate day(Map<String, List<String>> q, String name) throws BadQuery {
    String text = param(q, name);
    try {
      return LocalDate.parse(text == null ? "" : text.trim());
    } catch (DateTimeParseException e) {
      throw new BadQuery(
          "日期须为 YYYY-MM-DD · " + name + " is a day as YYYY-MM-DD, not '" + text + "'");
    }
  }

  private static String param(Map<String, List<String>> q, String name) {
    List<String> values = q.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** A session of a reader and a GET, or the answer that says which is missing. */
  private static Optional<FullHttpResponse> refuse(FullHttpRequest req, Optional<Session> s) {
    if (!get(req)) {
      return Optional.of(notAllowed());
    }
    if (s.isEmpty()) {
      return Optional.of(Responses.error(HttpResponseStatus.UNAUTHORIZED, "请先登录 · Sign in first"));
    }
    if (!READERS.contains(s.get().role())) {
      return Optional.of(
          Responses.error(
              HttpResponseStatus.FORBIDDEN,
              "只有财务或主管可以查看报表 · Only finance and supervisors read reports"));
    }
    return Optional.empty();
  }

  private static boolean get(FullHttpRequest req) {
    return req.method().equals(HttpMethod.GET) || req.method().equals(HttpMethod.HEAD);
  }

  private static FullHttpResponse notAllowed() {
    return Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
  }

  /** A query the page should not have sent; its message says what is wrong, in both languages. */
  static final class BadQuery extends Exception {
    BadQuery(String message) {
      super(message);
    }
  }
}
