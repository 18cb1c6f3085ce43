package org.parkgate.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.parkgate.device.modbus.RtuCodec;
import org.parkgate.device.modbus.RtuRequest;
import org.parkgate.device.modbus.RtuResponse;
import org.parkgate.device.modbus.RtuResponseParser;
import org.parkgate.wire.Parse;

/** A minimal blocking Modbus RTU-over-TCP master built from our codecs. */
final class TestModbusMaster implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final RtuResponseParser parser = new RtuResponseParser();

  TestModbusMaster(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(2000);
    in = socket.getInputStream();
  }

  RtuResponse send(RtuRequest request) throws IOException {
    return sendRaw(RtuCodec.encode(request));
  }

  /** Writes any bytes and reads one response frame; a read timeout propagates. */
  RtuResponse sendRaw(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    ByteBuf received = Unpooled.buffer();
    try {
      while (true) {
        if (received.isReadable()) {
          Parse<RtuResponse> p = parser.parse(received);
          if (p instanceof Parse.Frame<RtuResponse> f) {
            return f.frame();
          }
          if (p instanceof Parse.Invalid<RtuResponse> bad) {
            throw new IOException("simulator sent a bad frame: " + bad.reason());
          }
        }
        int b = in.read();
        if (b < 0) {
          throw new IOException("simulator closed the connection");
        }
        received.writeByte(b);
      }
    } finally {
      received.release();
    }
  }

  void sendRawNoReply(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
  }

  /** True if nothing arrives within {@code millis}. */
  boolean silentFor(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      socket.setSoTimeout(2000);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
