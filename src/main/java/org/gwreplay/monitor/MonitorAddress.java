package org.gwreplay.monitor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the monitor listens, from {@code --monitor=[HOST:]PORT}: loopback unless a host is given,
 * since the page and metrics are meant for the operator's machine (or a pod's own probes).
 * Port 0 picks a free port.
 */
public record MonitorAddress(String host, int port) {

  public static final String LOOPBACK = "127.0.0.1";

  /** Parses {@code PORT}, {@code :PORT}, {@code HOST:PORT} or {@code [IPv6]:PORT}; bad input is a one-line error. */
  public static MonitorAddress parse(String value) {
    String v = value == null ? "" : value.strip();
    int colon = v.lastIndexOf(':');
    String host = colon < 0 ? "" : v.substring(0, colon);
    String port = colon < 0 ? v : v.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--monitor must be [HOST:]PORT, e.g. 127.0.0.1:8090, not '" + value + "'");
    }
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException("--monitor port must be 0-65535, not " + p);
    }
    return new MonitorAddress(host.isEmpty() ? LOOPBACK : host, p);
  }

  InetSocketAddress socketAddress() {
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--monitor host '" + host + "' is not known");
    }
  }

  /** True when only this machine can connect. */
  public boolean isLoopback() {
    return socketAddress().getAddress().isLoopbackAddress();
  }
}
