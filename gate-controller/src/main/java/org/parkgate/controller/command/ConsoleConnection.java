package org.parkgate.controller.command;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One console's connection to the console API, and whether it has proved which enrolled console it
 * is. Until it has, the controller takes nothing from it but its hello.
 */
public final class ConsoleConnection {
  private final Channel channel;
  private final String address;
  private volatile String consoleId;
  private volatile String credentialHash;
  private volatile java.util.Set<org.parkgate.api.Role> roles = java.util.Set.of();
  private volatile boolean refused;

  public ConsoleConnection(Channel channel) {
    this.channel = channel;
    this.address = address(channel.remoteAddress());
  }

  public Channel channel() {
    return channel;
  }

  /** The remote IP address, for the record. */
  public String address() {
    return address;
  }

  /** The enrolled console's id once its hello was accepted; null before. */
  public String consoleId() {
    return consoleId;
  }

  String credentialHash() {
    return credentialHash;
  }

  public boolean authenticated() {
    return consoleId != null && !refused;
  }

  /** True once the controller refused this connection: the reply is its last message. */
  public boolean refused() {
    return refused;
  }

  void accept(String id, String hash, java.util.Set<org.parkgate.api.Role> roles) {
    this.consoleId = id;
    this.credentialHash = hash;
    this.roles = java.util.Set.copyOf(roles);
  }

  /** The roles the console is enrolled for: who may log in there and what it is sent. */
  public java.util.Set<org.parkgate.api.Role> roles() {
    return roles;
  }

  void refuse() {
    this.refused = true;
  }

  private static String address(SocketAddress remote) {
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return String.valueOf(remote);
  }
}
