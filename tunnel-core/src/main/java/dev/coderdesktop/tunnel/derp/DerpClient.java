// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import dev.coderdesktop.tunnel.crypto.InvalidSharedSecretException;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.liveness.Backoff;
import dev.coderdesktop.tunnel.liveness.Watchdog;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import dev.coderdesktop.tunnel.transport.DialClient;
import dev.coderdesktop.tunnel.transport.HttpUpgrade;
import dev.coderdesktop.tunnel.transport.NetPolicy;
import dev.coderdesktop.tunnel.transport.StreamDialer;
import dev.coderdesktop.tunnel.transport.WebSocketStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A DERP relay client: connects to {@code <url>/derp} with an HTTP upgrade (plain or TLS) or a
 * websocket, switching to the websocket for good when the upgrade is answered with a 4xx, logs in
 * with our node key, sends packets to peers by their node key and hands received packets to a
 * {@link DerpListener}. It answers server pings, pings the relay itself every {@link #PROBE_EVERY}
 * and drops a connection from which nothing (not even the relay's keepalives or our pings' pongs)
 * arrived for {@link #DEAD_AFTER}, then redials with a jittered exponential {@link Backoff} (100 ms
 * to 4 s, forgotten only after 30 s connected).
 *
 * <pre>
 *   NEW --start--> CONNECTING --login ok--> CONNECTED --read error, silence, reconnect()--> BACKOFF
 *   BACKOFF --timer, reconnect()--> CONNECTING
 *   any --close--> CLOSED (terminal)
 * </pre>
 *
 * <p>Thread-safe: {@link #send} may be called from any thread; one named reader thread owns the
 * connection's input. Lock order: {@code writeLock} may be taken alone or before {@code this},
 * never the reverse, and closing the socket needs only {@code this}, so a writer stuck on a dead
 * connection never keeps the reader or the watchdog from closing it.
 */
public final class DerpClient implements Closeable {

  private static final Logger LOG = Logger.getLogger(DerpClient.class.getName());
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** How often we ping the relay. */
  public static final Duration PROBE_EVERY = Duration.ofSeconds(4);

  /** Silence after which the connection counts as dead. */
  public static final Duration DEAD_AFTER = Duration.ofSeconds(12);

  // A socket-level backstop behind the watchdog for the HTTP-upgrade transport.
  private static final Duration READ_TIMEOUT = DEAD_AFTER.plus(PROBE_EVERY).plusSeconds(4);

  static final Backoff.Policy BACKOFF =
      new Backoff.Policy(Duration.ofMillis(100), Duration.ofSeconds(4), Duration.ofSeconds(30));

  private final URI url;
  private final Key privateKey;
  private final Key publicKey;
  private final Map<String, String> headers;
  private final NetPolicy policy;
  // The websocket dials' HTTP client, kept across redials and shut down in close().
  private final DialClient webSocketHttp;
  // Starts as configured; becomes true for good when the relay refuses the HTTP upgrade.
  private volatile boolean websocket;
  private final Clock clock;
  private final DerpListener listener;
  private final Semaphore wake = new Semaphore(0);
  private final Timer backoffTimer;
  private final Backoff backoff;
  private final Watchdog watchdog;
  private final Object writeLock = new Object();
  // Set by reconnect(): the next dial goes out without waiting.
  private final java.util.concurrent.atomic.AtomicBoolean redialNow =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final Map<Long, CompletableFuture<Duration>> pings = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private Thread reader;

  private static final int MAX_BACKLOG = 64;

  // Guarded by this.
  private final java.util.ArrayDeque<byte[][]> backlog = new java.util.ArrayDeque<>();
  private java.io.Closeable socket;
  private OutputStream out;
  private Key serverKey;
  private boolean closed;
  private boolean preferred;

  /**
   * A client for the relay at {@code url} (http or https; the path {@code /derp} is added when the
   * URL has none). {@code headers} are sent with the upgrade request.
   */
  public DerpClient(
      URI url, Key privateKey, Map<String, String> headers, Clock clock, DerpListener listener) {
    this(url, privateKey, headers, false, clock, listener);
  }

  /**
   * As above; with {@code websocket} the DERP stream is carried in a websocket (subprotocol {@code
   * derp}) instead of an HTTP upgrade, as deployments with {@code derp_force_websockets} require.
   */
  public DerpClient(
      URI url,
      Key privateKey,
      Map<String, String> headers,
      boolean websocket,
      Clock clock,
      DerpListener listener) {
    this(url, privateKey, headers, websocket, NetPolicy.system(), clock, listener);
  }

  /** As above, dialling (trust, proxy, User-Agent) as {@code policy} says. */
  public DerpClient(
      URI url,
      Key privateKey,
      Map<String, String> headers,
      boolean websocket,
      NetPolicy policy,
      Clock clock,
      DerpListener listener) {
    this.websocket = websocket;
    this.policy = policy;
    this.webSocketHttp = new DialClient(policy, CONNECT_TIMEOUT);
    this.url = url;
    this.privateKey = privateKey;
    this.publicKey = X25519.publicKey(privateKey);
    this.headers = Map.copyOf(headers);
    this.clock = clock;
    this.listener = listener;
    this.backoffTimer = clock.newTimer("derp-backoff", wake::release);
    this.backoff = new Backoff(BACKOFF, clock, random);
    this.watchdog =
        new Watchdog(
            clock,
            "derp-liveness",
            PROBE_EVERY,
            DEAD_AFTER,
            () -> Thread.ofVirtual().name("derp-probe").start(this::probe),
            why -> dropConnection("the relay went silent: " + why));
  }

  private void probe() {
    ping().exceptionally(e -> Duration.ZERO);
  }

  /** Closes the current connection (the reader notices and redials). */
  private void dropConnection(String why) {
    LOG.info(() -> "DERP " + url.getHost() + ": " + why);
    synchronized (this) {
      closeSocketLocked();
    }
  }

  /**
   * Drops the connection, if any, and dials again at once with the backoff forgotten: the network
   * changed, so the old connection may be dead without knowing it.
   */
  public void reconnect(String reason) {
    backoff.reset();
    redialNow.set(true);
    dropConnection("re-binding: " + reason);
    backoffTimer.cancel();
    wake.release();
  }

  /** Whether the client connects over a websocket (configured, or after a refused upgrade). */
  public boolean usesWebsocket() {
    return websocket;
  }

  /** Our node key, as peers address us. */
  public Key publicKey() {
    return publicKey;
  }

  /** Starts connecting in the background. */
  public synchronized void start() {
    if (reader != null) {
      return;
    }
    reader = Thread.ofPlatform().name("derp-reader " + url.getHost()).daemon().start(this::run);
  }

  /** Whether the client is logged in right now. */
  public synchronized boolean isConnected() {
    return out != null;
  }

  /** The relay's key once connected, else null. */
  public synchronized Key serverKey() {
    return serverKey;
  }

  /** Marks this relay as our home region (sent now and after every reconnect). */
  public void notePreferred(boolean home) {
    synchronized (this) {
      preferred = home;
    }
    write(FrameType.NOTE_PREFERRED, new byte[] {(byte) (home ? 1 : 0)});
  }

  /**
   * Relays {@code packet[off, off+len)} to the peer with node key {@code destination}; false when
   * not connected (the packet is dropped, as a lossy link would).
   */
  public boolean send(Key destination, byte[] packet, int off, int len) {
    if (len > Frame.MAX_PACKET) {
      return false;
    }
    byte[] dst = destination.bytes();
    byte[] body = Arrays.copyOfRange(packet, off, off + len);
    synchronized (this) {
      if (out == null && !closed) {
        // Not logged in yet (or reconnecting): hold a few packets, such as the first handshake
        // initiation, instead of losing them to the 5 s retry.
        if (backlog.size() >= MAX_BACKLOG) {
          backlog.pollFirst();
        }
        backlog.addLast(new byte[][] {dst, body});
        return true;
      }
    }
    return write(FrameType.SEND_PACKET, dst, body);
  }

  /** Pings the relay; completes with the round-trip time, or exceptionally if disconnected. */
  public CompletableFuture<Duration> ping() {
    byte[] data = new byte[8];
    random.nextBytes(data);
    long id = java.nio.ByteBuffer.wrap(data).getLong();
    long start = clock.nanoTime();
    CompletableFuture<Duration> f = new CompletableFuture<>();
    pings.put(id, f);
    if (!write(FrameType.PING, data)) {
      pings.remove(id);
      f.completeExceptionally(new IOException("not connected"));
    }
    return f.thenApply(ignored -> Duration.ofNanos(clock.nanoTime() - start));
  }

  private boolean write(int type, byte[]... parts) {
    synchronized (writeLock) {
      OutputStream o;
      synchronized (this) {
        o = out;
      }
      if (o == null) {
        return false;
      }
      try {
        Frame.write(o, type, parts);
        o.flush();
        return true;
      } catch (IOException e) {
        LOG.log(Level.FINE, "DERP write failed", e);
        synchronized (this) {
          if (out == o) {
            closeSocketLocked();
          }
        }
        return false;
      }
    }
  }

  private void flushBacklog() {
    while (true) {
      byte[][] next;
      synchronized (this) {
        next = backlog.pollFirst();
      }
      if (next == null || !write(FrameType.SEND_PACKET, next[0], next[1])) {
        return;
      }
    }
  }

  private void run() {
    while (!isClosed()) {
      String reason;
      try {
        DataInputStream in = connect();
        backoff.connected();
        readLoop(in);
        reason = "connection closed";
      } catch (IOException | RuntimeException e) {
        reason = e.getMessage();
      }
      watchdog.stop();
      synchronized (this) {
        closeSocketLocked();
      }
      failPings();
      if (isClosed()) {
        return;
      }
      String why = reason;
      LOG.info(() -> "DERP " + url.getHost() + " disconnected: " + why);
      listener.onDisconnected(reason);
      Duration wait = backoff.next();
      if (redialNow.getAndSet(false)) {
        continue;
      }
      wake.drainPermits();
      backoffTimer.mod(wait);
      wake.acquireUninterruptibly();
    }
  }

  private DataInputStream connect() throws IOException {
    if (websocket) {
      return connectWebSocket();
    }
    boolean tls = "https".equalsIgnoreCase(url.getScheme());
    int port = url.getPort() > 0 ? url.getPort() : (tls ? 443 : 80);
    Socket s =
        StreamDialer.open(
            url,
            policy,
            CONNECT_TIMEOUT,
            opened -> {
              synchronized (this) {
                socket = opened;
              }
            });
    synchronized (this) {
      if (closed) {
        s.close();
        throw new IOException("closed");
      }
    }
    s.setTcpNoDelay(true);
    s.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
    OutputStream o = new BufferedOutputStream(s.getOutputStream(), 64 << 10);
    String path =
        url.getRawPath() == null || url.getRawPath().isEmpty() ? "/derp" : url.getRawPath();
    StringBuilder req = new StringBuilder();
    req.append("GET ").append(path).append(" HTTP/1.1\r\n");
    req.append("Host: ").append(url.getHost()).append(url.getPort() > 0 ? ":" + port : "");
    req.append("\r\nUpgrade: DERP\r\nConnection: Upgrade\r\n");
    withUserAgent().forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
    req.append("\r\n");
    o.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
    o.flush();
    DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 64 << 10));
    HttpUpgrade head = HttpUpgrade.read(in);
    int status = head.status();
    if (status != 101) {
      // A 4xx usually means a proxy in the way that does not pass "Upgrade: DERP" on; websockets
      // get through such proxies, so the next attempt (and every later one) uses one.
      if (status >= 400 && status < 500) {
        websocket = true;
        String reason = "the relay answered the DERP upgrade with " + head.startLine();
        LOG.info(() -> reason + "; using a websocket from now on");
        listener.onForcedWebsocket(reason);
      }
      throw new DerpProtocolException("relay refused the upgrade: " + head.startLine());
    }
    s.setSoTimeout((int) READ_TIMEOUT.toMillis());
    return login(in, o);
  }

  private Map<String, String> withUserAgent() {
    Map<String, String> all = new java.util.LinkedHashMap<>(headers);
    all.putIfAbsent("User-Agent", policy.userAgent());
    return all;
  }

  private DataInputStream connectWebSocket() throws IOException {
    boolean tls = "https".equalsIgnoreCase(url.getScheme());
    String path =
        url.getRawPath() == null || url.getRawPath().isEmpty() ? "/derp" : url.getRawPath();
    URI ws = URI.create((tls ? "wss" : "ws") + "://" + url.getRawAuthority() + path);
    Map<String, String> wsHeaders = withUserAgent();
    policy.proxyAuthorization(ws).ifPresent(a -> wsHeaders.put("Proxy-Authorization", a));
    java.net.http.HttpClient http = webSocketHttp.get();
    WebSocketStream stream;
    try {
      stream =
          WebSocketStream.open(http, ws, wsHeaders, java.util.List.of("derp"), CONNECT_TIMEOUT);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new DerpProtocolException("relay refused the websocket: " + e.getCause().getMessage());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException("timed out connecting to " + url.getHost());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    synchronized (this) {
      if (closed) {
        stream.abort();
        throw new IOException("closed");
      }
      socket = stream::abort;
    }
    return login(
        new DataInputStream(new BufferedInputStream(stream.inputStream(), 64 << 10)),
        new BufferedOutputStream(stream.outputStream(), 64 << 10));
  }

  /** The DERP login on an established byte stream: ServerKey in, ClientInfo out. */
  private DataInputStream login(DataInputStream in, OutputStream o) throws IOException {
    Frame keyFrame = Frame.read(in, 1024);
    if (keyFrame.type() != FrameType.SERVER_KEY
        || keyFrame.payload().length < Frame.MAGIC.length + Key.LENGTH
        || !Arrays.equals(Frame.MAGIC, Arrays.copyOf(keyFrame.payload(), Frame.MAGIC.length))) {
      throw new DerpProtocolException("first frame is not a valid ServerKey");
    }
    Key server =
        Key.publicKey(
            Arrays.copyOfRange(
                keyFrame.payload(), Frame.MAGIC.length, Frame.MAGIC.length + Key.LENGTH));
    try {
      Frame.write(
          o,
          FrameType.CLIENT_INFO,
          ClientInfo.seal(privateKey, publicKey, server, "{\"version\":2,\"CanAckPings\":true}"));
    } catch (InvalidSharedSecretException e) {
      throw new DerpProtocolException("relay key is a low-order point");
    }
    o.flush();
    watchdog.start();
    boolean home;
    synchronized (this) {
      out = o;
      serverKey = server;
      home = preferred;
    }
    if (home) {
      write(FrameType.NOTE_PREFERRED, new byte[] {1});
    }
    flushBacklog();
    LOG.info(
        () ->
            "DERP logged in to "
                + url.getHost()
                + (websocket ? " over a websocket" : " over an HTTP upgrade"));
    return in;
  }

  private void readLoop(DataInputStream in) throws IOException {
    while (true) {
      Frame f = Frame.read(in, Frame.MAX_FRAME);
      watchdog.heard();
      byte[] p = f.payload();
      switch (f.type()) {
        case FrameType.SERVER_INFO -> {
          ClientInfo.openInfo(privateKey, serverKey(), p, 0);
          listener.onConnected(serverKey());
        }
        case FrameType.RECV_PACKET -> {
          if (p.length < Key.LENGTH) {
            throw new DerpProtocolException("RecvPacket shorter than a key");
          }
          listener.onPacket(
              Key.publicKey(Arrays.copyOf(p, Key.LENGTH)),
              Arrays.copyOfRange(p, Key.LENGTH, p.length));
        }
        case FrameType.PEER_GONE -> {
          if (p.length < Key.LENGTH) {
            throw new DerpProtocolException("PeerGone shorter than a key");
          }
          listener.onPeerGone(
              Key.publicKey(Arrays.copyOf(p, Key.LENGTH)), p.length > Key.LENGTH ? p[32] : 0);
        }
        case FrameType.PING -> {
          if (p.length != 8) {
            throw new DerpProtocolException("Ping must carry 8 bytes");
          }
          write(FrameType.PONG, p);
        }
        case FrameType.PONG -> {
          if (p.length == 8) {
            CompletableFuture<Duration> fut = pings.remove(java.nio.ByteBuffer.wrap(p).getLong());
            if (fut != null) {
              fut.complete(Duration.ZERO);
            }
          }
        }
        case FrameType.HEALTH -> listener.onHealth(new String(p, StandardCharsets.UTF_8));
        default -> {
          // KeepAlive, Restarting and frame types from newer servers need no action.
        }
      }
    }
  }

  private void failPings() {
    for (var e : pings.entrySet()) {
      if (pings.remove(e.getKey()) != null) {
        e.getValue().completeExceptionally(new IOException("disconnected"));
      }
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  private void closeSocketLocked() {
    out = null;
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "close failed", e);
      }
      socket = null;
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      closeSocketLocked();
      webSocketHttp.close();
    }
    backoffTimer.cancel();
    watchdog.stop();
    wake.release();
    failPings();
  }
}
