package org.parkgate.console.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.parkgate.api.Answer;
import org.parkgate.api.CommandResult;
import org.parkgate.api.ConsoleCommand;
import org.parkgate.report.ReportFormat;
import org.parkgate.report.ReportRequest;
import org.parkgate.report.ReportSink;
import org.parkgate.report.ReportWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One download of a report, written to the browser as the controller's pages arrive ({@link
 * ConsoleCommand.ExportReportPage}): each page's rows go through the shared {@link ReportSink} into
 * chunks of the response, and the next page is asked for only once those are written to the socket,
 * so the console holds a page and a chunk whatever the period. A refusal of the first page is an
 * ordinary error answer; a failure after the file has begun can only cut the download short (the
 * connection is closed, so the browser does not keep half a file as whole).
 */
final class ExportStream {
  private static final Logger log = LoggerFactory.getLogger(ExportStream.class);

  /**
   * Set on a connection while a download is being written to it: the browser sends nothing
   * meanwhile, which is not the idle connection the router closes.
   */
  static final io.netty.util.AttributeKey<Boolean> WRITING =
      io.netty.util.AttributeKey.valueOf("finance-download");

  /** Bytes gathered before a chunk is sent mid-page. */
  private static final int CHUNK_BYTES = 64 * 1024;

  private final ChannelHandlerContext ctx;
  private final boolean keepAlive;
  private final Function<ConsoleCommand, CompletableFuture<CommandResult>> controller;
  private final String session;
  private final ReportRequest request;
  private final ReportFormat format;
  private final Charset charset;
  private final long timeoutSeconds;
  private final Chunks out;
  private ReportSink sink;

  ExportStream(
      ChannelHandlerContext ctx,
      boolean keepAlive,
      Function<ConsoleCommand, CompletableFuture<CommandResult>> controller,
      String session,
      ReportRequest request,
      ReportFormat format,
      Charset charset,
      long timeoutSeconds) {
    this.ctx = ctx;
    this.keepAlive = keepAlive;
    this.controller = controller;
    this.session = session;
    this.request = request;
    this.format = format;
    this.charset = charset;
    this.timeoutSeconds = timeoutSeconds;
    this.out = new Chunks();
  }

  void start() {
    ctx.channel().attr(WRITING).set(true);
    ctx.channel().closeFuture().addListener(f -> ctx.executor().execute(out::release));
    ask(null);
  }

  private void finished() {
    ctx.channel().attr(WRITING).set(null);
  }

  private void ask(String cursor) {
    controller
        .apply(
            new ConsoleCommand.ExportReportPage(
                "export-" + UUID.randomUUID(), session, request, cursor))
        .orTimeout(timeoutSeconds, TimeUnit.SECONDS)
        .whenComplete((result, failure) -> ctx.executor().execute(() -> page(result, failure)));
  }

  /** On the channel's event loop: one page into the response, then the next asked for. */
  private void page(CommandResult result, Throwable failure) {
    if (!ctx.channel().isActive()) {
      out.release();
      // The controller lets the export go when no page is asked for.
      log.info("finance: {} download left by the browser", request.kind().code());
      return;
    }
    if (failure != null
        || result == null
        || !result.ok()
        || !(result.answer() instanceof Answer.ReportPage page)) {
      finished();
      if (sink == null) {
        Responses.send(ctx, keepAlive, FinanceRoutes.failed(result, failure));
      } else {
        log.warn(
            "finance: {} download cut short: {}",
            request.kind().code(),
            failure != null ? failure : result);
        out.release();
        ctx.close();
      }
      return;
    }
    try {
      if (sink == null) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, FinanceRoutes.contentType(format, charset));
        head.headers()
            .set(
                HttpHeaderNames.CONTENT_DISPOSITION,
                FinanceRoutes.disposition(request, format, charset));
        HttpUtil.setTransferEncodingChunked(head, true);
        HttpUtil.setKeepAlive(head, keepAlive);
        if (!keepAlive) {
          head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.write(head);
        sink = ReportWriter.sink(format, charset, out);
        sink.begin(page.head());
      }
      for (var row : page.rows()) {
        sink.row(row);
      }
      if (page.next() == null) {
        finished();
        sink.end(page.totals(), page.notes());
        out.send();
        ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        if (!keepAlive) {
          done.addListener(ChannelFutureListener.CLOSE);
        }
        out.release();
      } else {
        String next = page.next();
        out.send()
            .addListener(
                (ChannelFuture written) -> {
                  if (written.isSuccess()) {
                    ask(next);
                  } else {
                    out.release();
                    ctx.close();
                  }
                });
      }
    } catch (IOException | RuntimeException e) {
      log.warn("finance: {} download failed: {}", request.kind().code(), e.toString());
      out.release();
      ctx.close();
    }
  }

  /** What the sink writes, gathered and sent as chunks of the response. */
  private final class Chunks extends OutputStream {
    private ByteBuf buf;

    private ByteBuf buf() {
      if (buf == null) {
        buf = ctx.alloc().buffer(CHUNK_BYTES);
      }
      return buf;
    }

    @Override
    public void write(int b) {
      buf().writeByte(b);
      if (buf.readableBytes() >= CHUNK_BYTES) {
        ctx.write(new DefaultHttpContent(take()));
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      buf().writeBytes(b, off, len);
      if (buf.readableBytes() >= CHUNK_BYTES) {
        ctx.write(new DefaultHttpContent(take()));
      }
    }

    private ByteBuf take() {
      ByteBuf b = buf;
      buf = null;
      return b;
    }

    /** Everything gathered, written and flushed; the future completes once it is on the socket. */
    ChannelFuture send() {
      if (buf != null && buf.isReadable()) {
        return ctx.writeAndFlush(new DefaultHttpContent(take()));
      }
      release();
      ctx.flush();
      return ctx.newSucceededFuture();
    }

    void release() {
      if (buf != null) {
        buf.release();
        buf = null;
      }
    }
  }
}
