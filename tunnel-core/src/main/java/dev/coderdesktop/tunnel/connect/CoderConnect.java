// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import com.google.protobuf.Timestamp;
import dev.coderdesktop.tunnel.control.AgentHostnames;
import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.control.TailnetControlClient;
import dev.coderdesktop.tunnel.control.TailnetListener;
import dev.coderdesktop.tunnel.control.TailnetWebSocketDialer;
import dev.coderdesktop.tunnel.control.Uuids;
import dev.coderdesktop.tunnel.control.WorkspaceState;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.DERPMap;
import dev.coderdesktop.tunnel.control.proto.Node;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.derp.DerpRelays;
import dev.coderdesktop.tunnel.derp.HomeRegion;
import dev.coderdesktop.tunnel.disco.DiscoHandler;
import dev.coderdesktop.tunnel.liveness.SleepDetector;
import dev.coderdesktop.tunnel.path.DirectTransport;
import dev.coderdesktop.tunnel.path.Endpoints;
import dev.coderdesktop.tunnel.path.PathStatus;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.tun.TunDevice;
import dev.coderdesktop.tunnel.wireguard.Device;
import dev.coderdesktop.tunnel.wireguard.DeviceStats;
import dev.coderdesktop.tunnel.wireguard.WireGuardTimings;
import dev.coderdesktop.tunnel.wireguard.config.Config;
import dev.coderdesktop.tunnel.wireguard.config.PeerConfig;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The Coder Connect engine: our node on the deployment's tailnet. It keeps a WireGuard device that
 * reaches each agent through the agent's home DERP region ({@link DerpRelays}; ours moves to
 * another region while its relay is down, {@link HomeRegion}, and follows the streamed DERP map)
 * and, unless direct connections are disabled, straight over UDP once a direct path is confirmed
 * ({@link DirectTransport}); it follows the user's workspaces, asks the coordinator for a tunnel to
 * every agent, and turns the agents' nodes into WireGuard peers and path candidates. It configures
 * no operating system: the owner gives it a TUN device and sets addresses, routes and DNS.
 *
 * <p>Thread-safe. Events arrive on the control and relay threads.
 */
public final class CoderConnect implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(CoderConnect.class.getName());
  private static final Duration PEER_KEEPALIVE = Duration.ofSeconds(25);
  private static final Duration READY_FALLBACK = Duration.ofSeconds(5);
  private static final Duration FIRST_CONTACT_FIRST_DELAY = Duration.ofMillis(200);
  private static final int FIRST_CONTACT_RETRIES = 5;
  private static final Duration SLEEP_TICK = Duration.ofSeconds(5);
  private static final Duration SLEEP_THRESHOLD = Duration.ofSeconds(10);

  /**
   * Publications of the agent list are at least this far apart: a burst of changes (a thousand
   * agents' handshakes) becomes one list, and a lone change still goes out at once.
   */
  static final Duration PUBLISH_INTERVAL = Duration.ofMillis(200);

  private final ConnectConfig config;
  private final ConnectListener listener;
  private final Key nodePrivate = X25519.generatePrivateKey();
  private final Key discoPrivate = X25519.generatePrivateKey();
  private final Inet6Address address = TailnetAddresses.randomClientAddress();
  private final long nodeId = new SecureRandom().nextLong() & Long.MAX_VALUE;
  // Why a region's relay connection had to fall back to a websocket, by region.
  private final Map<Integer, String> forcedWebsocket = new ConcurrentHashMap<>();
  private final DerpRelays derp;
  private final HomeRegion home;
  private final DiscoHandler disco;
  private final AgentPinger pinger;
  private final DirectTransport direct; // null when direct connections are off
  private final Device device;
  private final TailnetControlClient control;
  private final Clock clock;
  private final SleepDetector sleep;
  private final List<Runnable> rebindHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final FirstReach firstReach;
  private final Throttle publications;

  // Guarded by this.
  private WorkspaceState workspaces = WorkspaceState.EMPTY;
  private boolean workspacesKnown;
  private final Map<UUID, Key> agentKeys = new HashMap<>();
  private final Map<Key, Long> handshakes = new ConcurrentHashMap<>();
  // When each peer's node first arrived, for the log line that times its direct path.
  private final Map<Key, Long> firstNodeNanos = new ConcurrentHashMap<>();
  // Guarded by this: nodes waiting for READY_FOR_HANDSHAKE, and agents that said it.
  private final Map<UUID, PeerConfig> pending = new HashMap<>();
  private final Set<UUID> readyAgents = new HashSet<>();
  // Guarded by this: agents whose WireGuard peer the device has.
  private final Set<UUID> peered = new HashSet<>();
  // Guarded by this: the running first-contact retry chain of each peer.
  private final Map<Key, FirstContact> firstContact = new HashMap<>();

  /** Prepares the engine; {@link #start()} connects. */
  public CoderConnect(ConnectConfig config, TunDevice tun, Clock clock, ConnectListener listener) {
    this.config = config;
    this.listener = listener;
    this.clock = clock;
    this.derp =
        new DerpRelays(
            config.derp().regions(),
            config.derp().homeRegion(),
            nodePrivate,
            config.headers(),
            config.derp().websockets(),
            config.net(),
            clock);
    this.home = new HomeRegion(derp, config.derp().latencies(), clock, this::onHomeMoved);
    this.disco =
        new DiscoHandler(
            discoPrivate,
            X25519.publicKey(nodePrivate),
            config.derp().homeRegion(),
            (to, packet) -> derp.sendTo(to, packet, 0, packet.length),
            clock);
    derp.setDiscoHandler(disco::onDerpPacket);
    derp.setForcedWebsocketHandler(this::onForcedWebsocket);
    this.pinger = new AgentPinger(disco, clock, this::pingTargets, this::onPingRound);
    this.direct = config.directDisabled() ? null : openDirect(config, clock);
    this.device =
        new Device(
            new Config(nodePrivate, 0, List.of(), List.of()),
            tun,
            direct != null ? direct.bind() : derp,
            clock,
            WireGuardTimings.standard());
    device.addHandshakeListener(
        (peer, nanos) -> {
          handshakes.put(peer, nanos);
          publish();
        });
    this.control =
        new TailnetControlClient(
            new TailnetWebSocketDialer(
                config.deployment(), config.sessionToken(), config.headers(), config.net()),
            config.ownerId(),
            clock,
            new ControlEvents());
    this.sleep = new SleepDetector(clock, SLEEP_TICK, SLEEP_THRESHOLD, this::rebind);
    this.firstReach = new FirstReach(this::everyAgentHasAPeer, clock);
    this.publications = new Throttle(clock, PUBLISH_INTERVAL, "publish", this::publishNow);
  }

  /**
   * Completes after {@link #start()}: true when the first workspace update has come and every agent
   * it names has a WireGuard peer (its names resolve, and a first packet to it is carried); false
   * when that took longer than {@code max} on the engine's clock (an agent that is offline never
   * gets a peer) or the engine closed first.
   */
  public CompletableFuture<Boolean> firstReach(Duration max) {
    return firstReach.within(max);
  }

  private synchronized boolean everyAgentHasAPeer() {
    if (!workspacesKnown) {
      return false;
    }
    for (UUID a : workspaces.agents().keySet()) {
      if (!peered.contains(a)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Re-binds after the network changed or the machine woke: redials the relay and the control
   * server at once (the old connections may be dead without knowing it; the backoff is forgotten)
   * and re-sends our node, then runs every hook from {@link #addRebindHook}. Safe from any thread;
   * returns without waiting for the redials.
   */
  public void rebind(String reason) {
    LOG.info(() -> "re-binding: " + reason);
    derp.reconnect(reason);
    control.reconnect(reason);
    control.updateSelf(self());
    if (direct != null) {
      direct.rebind();
    }
    for (Runnable hook : rebindHooks) {
      hook.run();
    }
  }

  /**
   * Adds work to every {@link #rebind} (direct paths already STUN again and re-probe their peers
   * there). Hooks run on the caller's thread and must not block.
   */
  public void addRebindHook(Runnable hook) {
    rebindHooks.add(hook);
  }

  /** Peers and the coordinator learn why we relay over a websocket, as Coder's clients report. */
  private void onForcedWebsocket(int region, String reason) {
    forcedWebsocket.put(region, reason);
    sendSelf();
  }

  /** Our home region moved (fail-over or back): peers must send to us through the new one. */
  private void onHomeMoved(int region) {
    disco.setHomeRegion(region);
    sendSelf();
    publish();
  }

  private void sendSelf() {
    TailnetControlClient c = control; // null while the constructor runs; start() sends our node
    if (c != null) {
      c.updateSelf(self());
    }
  }

  /** The home DERP region now (it moves while the best one's relay is down). */
  public int homeRegion() {
    return derp.home();
  }

  private DirectTransport openDirect(ConnectConfig config, Clock clock) {
    try {
      return DirectTransport.open(
          derp, disco, config.stunServers(), clock, this::onEndpoints, this::onPathChange);
    } catch (IOException e) {
      LOG.warning("no direct paths, everything goes through DERP: " + e.getMessage());
      return null;
    }
  }

  /** Our direct endpoints changed: peers learn them from our node. */
  private void onEndpoints(List<InetSocketAddress> endpoints) {
    sendSelf();
  }

  private void onPathChange(Key peer, PathStatus status) {
    if (status.isDirect()) {
      Long handshake = handshakes.get(peer);
      Long node = firstNodeNanos.get(peer);
      LOG.info(
          () ->
              "direct path to "
                  + peer.toBase64().substring(0, 8)
                  + " at "
                  + Endpoints.format(status.direct())
                  + (node == null ? "" : ", " + clock.since(node).toMillis() + " ms after its node")
                  + (handshake == null
                      ? ", before the first handshake"
                      : ", " + clock.since(handshake).toMillis() + " ms after the last handshake"));
    }
    publish();
  }

  /** Our tailnet address; the owner assigns it (as a /128) to the TUN device. */
  public Inet6Address address() {
    return address;
  }

  /** Starts the data plane and the control connection. */
  public void start() {
    device.start();
    if (direct != null) {
      direct.start();
    }
    control.start();
    control.updateSelf(self());
    pinger.start();
    sleep.start();
    home.start();
  }

  private synchronized Map<UUID, Key> pingTargets() {
    Map<UUID, Key> out = new HashMap<>();
    for (UUID a : workspaces.agents().keySet()) {
      Key k = agentKeys.get(a);
      if (k != null) {
        out.put(a, k);
      }
    }
    return out;
  }

  private void onPingRound() {
    boolean any;
    synchronized (this) {
      any = !workspaces.agents().isEmpty();
    }
    if (any) {
      publish();
    }
  }

  private Node self() {
    long now = clock.wallTime().getEpochSecond();
    String cidr = address.getHostAddress() + "/128";
    return Node.newBuilder()
        .setId(nodeId)
        .setAsOf(Timestamp.newBuilder().setSeconds(now))
        .setKey(NodeKeys.encodeNodeKey(X25519.publicKey(nodePrivate)))
        .setDisco(NodeKeys.encodeDiscoKey(X25519.publicKey(discoPrivate)))
        .setPreferredDerp(derp.home())
        .putAllDerpLatency(derpLatency())
        .putAllDerpForcedWebsocket(forcedWebsocket)
        .addAddresses(cidr)
        .addAllowedIps(cidr)
        .addAllEndpoints(direct == null ? List.of() : direct.endpointStrings())
        .build();
  }

  /** Our measured region latencies as a node advertises them: "id-v4" to seconds. */
  private Map<String, Double> derpLatency() {
    Map<String, Double> out = new HashMap<>();
    config.derp().latencies().forEach((id, d) -> out.put(id + "-v4", d.toNanos() / 1e9));
    return out;
  }

  private AgentPing lastPing(UUID agent, Key key) {
    PathStatus path = direct == null || key == null ? null : direct.paths().status(key);
    if (path != null && path.isDirect()) {
      int home = derp.home();
      return new AgentPing(
          path.latency(),
          true,
          home,
          regionName(home),
          config.derp().latencies().get(home),
          path.atNanos(),
          path.direct());
    }
    AgentPinger.Sample s = pinger.last(agent);
    if (s == null) {
      return null;
    }
    int region = s.result().derpRegion() != 0 ? s.result().derpRegion() : derp.home();
    return new AgentPing(
        s.result().latency(),
        false,
        region,
        regionName(region),
        config.derp().latencies().get(region),
        s.atNanos());
  }

  private String regionName(int id) {
    return derp.regions().get(id).isPresent()
        ? derp.regions().name(id)
        : config.derp().regionName(id);
  }

  /** The agents now known, running workspaces first, then by name. */
  public synchronized List<AgentView> agents() {
    List<AgentView> out = new ArrayList<>();
    // Counted once: asking per agent made this quadratic (a million steps for 1,000 agents).
    Map<UUID, Integer> agentsPerWorkspace = new HashMap<>();
    for (WorkspaceState.AgentInfo a : workspaces.agents().values()) {
      agentsPerWorkspace.merge(a.workspaceId(), 1, Integer::sum);
    }
    for (WorkspaceState.AgentInfo a : workspaces.agents().values()) {
      WorkspaceState.WorkspaceInfo w = workspaces.workspaces().get(a.workspaceId());
      if (w == null) {
        continue;
      }
      int siblings = agentsPerWorkspace.get(w.id());
      Key key = agentKeys.get(a.id());
      List<String> names =
          new ArrayList<>(
              AgentHostnames.names(
                  a.name(), w.name(), config.ownerName(), siblings, config.hostnameSuffix()));
      String preferred =
          AgentHostnames.preferred(
              a.name(), w.name(), config.ownerName(), siblings, config.hostnameSuffix());
      names.remove(preferred);
      names.add(0, preferred);
      out.add(
          new AgentView(
              a.id(),
              a.name(),
              w.id(),
              w.name(),
              w.status(),
              names,
              TailnetAddresses.agentAddress(a.id()),
              key == null ? -1 : handshakes.getOrDefault(key, -1L),
              lastPing(a.id(), key)));
    }
    out.sort(
        Comparator.comparing(
                (AgentView v) ->
                    v.workspaceStatus()
                        != dev.coderdesktop.tunnel.control.proto.Workspace.Status.RUNNING)
            .thenComparing(AgentView::workspaceName)
            .thenComparing(AgentView::agentName));
    return out;
  }

  /**
   * Programs the agent's WireGuard peer (its persistent keepalive makes the device contact it at
   * once). Idempotent; a later node update programs again through {@code addPeer}.
   */
  private void program(UUID agent) {
    PeerConfig config;
    synchronized (this) {
      readyAgents.add(agent);
      config = pending.remove(agent);
    }
    if (config == null) {
      return;
    }
    device.addPeer(config);
    synchronized (this) {
      peered.add(agent);
    }
    publish();
    Key key = config.publicKey();
    if (direct != null) {
      direct.paths().probeNow(key); // the agent has our node now, so its disco knows our key
    }
    // A later node update for a peer we already reach (or are already trying to reach) only
    // refreshes its config: a second initiation within the same timestamp granule would look like
    // a replay to the agent, which would then drop it and leave our first one unanswered.
    synchronized (this) {
      if (handshakes.containsKey(key) || firstContact.containsKey(key)) {
        return;
      }
    }
    device.initiateHandshake(key);
    firstContactRetries(key);
  }

  /**
   * An agent may drop our first initiation while it is still taking our node in (a real Coder agent
   * can say READY_FOR_HANDSHAKE a moment before its WireGuard peer exists); rather than wait for
   * WireGuard's five-second retry, try again after 200 ms, doubling the wait each time (200 ms to
   * 3.2 s, five times) until a session exists. The waits stay far above the timestamp granule and
   * the 20 ms responders require between initiations.
   */
  private void firstContactRetries(Key key) {
    FirstContact chain =
        new FirstContact(
            clock,
            FIRST_CONTACT_RETRIES,
            FIRST_CONTACT_FIRST_DELAY,
            () -> handshakes.containsKey(key),
            () -> device.initiateHandshakeNow(key),
            ended -> endFirstContact(key, ended));
    // One chain per peer: two would send initiations in lockstep, the second a replay.
    FirstContact old;
    synchronized (this) {
      old = firstContact.put(key, chain);
    }
    if (old != null) {
      old.cancel();
    }
    chain.start();
  }

  private synchronized void endFirstContact(Key key, FirstContact ended) {
    firstContact.remove(key, ended);
  }

  /** Forgets an agent that left the workspaces or disconnected, and its peer if it had one. */
  private void forgetAgent(UUID agent) {
    Key k;
    synchronized (this) {
      k = agentKeys.remove(agent);
      pending.remove(agent);
      readyAgents.remove(agent);
      peered.remove(agent);
    }
    pinger.forget(agent);
    if (k != null) {
      forgetPeer(k);
    }
  }

  private void forgetPeer(Key k) {
    firstNodeNanos.remove(k);
    derp.removePeer(k);
    if (direct != null) {
      direct.paths().removePeer(k);
    }
    disco.removePeer(k);
    device.removePeer(k);
  }

  /** The WireGuard counters. */
  public DeviceStats stats() {
    return device.stats();
  }

  /**
   * Publishes the agent list, throttled (at most every {@link #PUBLISH_INTERVAL}); at once when the
   * first reach is due, since only a publication completes it ({@link #publishNow}).
   */
  private void publish() {
    if (!firstReach.done() && everyAgentHasAPeer()) {
      publications.now();
    } else {
      publications.request();
    }
  }

  /**
   * One publication (the throttle's action). The list and whether every agent has a peer are read
   * together; the first reach completes only after a list with every name was delivered, so a
   * Start, which answers then, finds the names resolving.
   */
  private void publishNow() {
    List<AgentView> list;
    boolean reachable;
    synchronized (this) {
      list = agents();
      reachable = everyAgentHasAPeer();
    }
    listener.onAgents(list);
    if (reachable) {
      firstReach.check();
    }
  }

  private final class ControlEvents implements TailnetListener {
    @Override
    public void onWorkspaces(WorkspaceState state) {
      Set<UUID> gone;
      Set<UUID> added;
      synchronized (CoderConnect.this) {
        gone = new HashSet<>(workspaces.agents().keySet());
        gone.removeAll(state.agents().keySet());
        added = new HashSet<>(state.agents().keySet());
        added.removeAll(workspaces.agents().keySet());
        workspaces = state;
        workspacesKnown = true;
      }
      for (UUID a : gone) {
        control.removeTunnel(a);
        forgetAgent(a);
      }
      for (UUID a : added) {
        control.addTunnel(a);
      }
      publish();
    }

    @Override
    public void onPeerUpdate(CoordinateResponse.PeerUpdate u) {
      UUID agent;
      try {
        agent = Uuids.fromBytes(u.getId());
      } catch (IllegalArgumentException e) {
        LOG.warning("ignoring a peer update with a malformed id");
        return;
      }
      switch (u.getKind()) {
        case NODE -> addPeer(agent, u.getNode());
        case DISCONNECTED -> {
          forgetAgent(agent);
          publish();
        }
        case READY_FOR_HANDSHAKE -> program(agent);
        default -> {
          // LOST peers stay: the WireGuard session may still work without the coordinator.
        }
      }
    }

    private void addPeer(UUID agent, Node node) {
      if (node.getPreferredDerp() == 0) {
        return; // Coder ignores nodes that cannot be reached yet
      }
      PeerConfig config;
      try {
        config = NodePeer.of(node, PEER_KEEPALIVE);
      } catch (IllegalArgumentException e) {
        LOG.warning("ignoring a malformed node for agent " + agent + ": " + e.getMessage());
        return;
      }
      Key key = config.publicKey();
      Key previous;
      boolean ready;
      synchronized (CoderConnect.this) {
        previous = agentKeys.put(agent, key);
        pending.put(agent, config);
        ready = readyAgents.contains(agent);
      }
      if (previous != null && !previous.equals(key)) {
        forgetPeer(previous);
      }
      if (!node.getDisco().isEmpty()) {
        try {
          disco.setPeer(key, NodeKeys.decodeDiscoKey(node.getDisco()));
        } catch (IllegalArgumentException e) {
          LOG.warning("agent " + agent + " sent a malformed disco key; its pings go unanswered");
        }
      }
      // Packets to the agent go through its home region; its replies come through ours.
      derp.setPeerRegion(key, node.getPreferredDerp());
      if (direct != null) {
        firstNodeNanos.putIfAbsent(key, clock.nanoTime());
        direct.paths().setPeer(key, Endpoints.parse(node.getEndpointsList()));
      }
      if (ready) {
        program(agent);
      } else {
        // Coder programs a peer once the agent has our node (READY_FOR_HANDSHAKE), so that our
        // first initiation is not dropped; servers that never say so get it after 5 seconds.
        clock.newTimer("ready-" + agent, () -> program(agent)).mod(READY_FALLBACK);
      }
      publish();
    }

    @Override
    public void onDerpMap(DERPMap map) {
      home.setRegions(DerpMaps.regions(map));
    }

    @Override
    public void onCoordinatorError(String error) {
      LOG.warning("coordinator: " + error);
    }

    @Override
    public void onConnected() {
      listener.onControl(true, "connected");
    }

    @Override
    public void onDisconnected(String reason) {
      listener.onControl(false, reason);
    }

    @Override
    public void onSignInRejected(int status, String message) {
      listener.onFatal(
          new EngineFailure(
              EngineFailure.Reason.SIGN_IN_REQUIRED,
              "The deployment no longer accepts your session token (HTTP "
                  + status
                  + "); sign in again."));
    }
  }

  /** Disconnects from the coordinator, stops the device and closes the TUN device and relay. */
  @Override
  public void close() {
    firstReach.abandon();
    publications.close();
    home.close();
    sleep.stop();
    pinger.close();
    if (direct != null) {
      direct.close();
    }
    disco.close();
    control.close();
    device.close();
  }
}
