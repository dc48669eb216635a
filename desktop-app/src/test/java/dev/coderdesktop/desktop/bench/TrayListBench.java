// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.bench;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.coder.sdk.signin.FileTokenStore;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.desktop.Styles;
import dev.coderdesktop.desktop.fixtures.Peers;
import dev.coderdesktop.desktop.service.ServiceCommands;
import dev.coderdesktop.desktop.state.AppState;
import dev.coderdesktop.desktop.threading.UiThread;
import dev.coderdesktop.desktop.tray.TrayActions;
import dev.coderdesktop.desktop.tray.TrayView;
import dev.coderdesktop.desktop.tray.VpnViewModel;
import dev.coderdesktop.vpn.proto.wire.PeerUpdate;
import dev.coderdesktop.vpn.proto.wire.StartResponse;
import dev.coderdesktop.vpn.proto.wire.Status;
import dev.coderdesktop.vpn.proto.wire.StopResponse;
import dev.coderdesktop.vpn.proto.wire.Workspace;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * How long one full Status with {@code n} workspaces takes to reach the screen: mapping the
 * PeerUpdate (on the service's thread, as in the app) plus, on the FX thread, swapping the list
 * model and laying out the tray window with "Show all" on. Prints the median over repeated runs.
 */
public final class TrayListBench {

  private TrayListBench() {}

  /**
   * A Status with {@code n} workspaces, each with one agent; every update differs from the last.
   */
  static Status status(int n, int round) {
    Peers p = Peers.builder();
    for (int i = 0; i < n; i++) {
      String name = "ws" + i;
      boolean running = (i + round) % 3 != 0;
      p.workspace(name, running ? Workspace.Status.RUNNING : Workspace.Status.STOPPED);
      p.agent(name, "main", Duration.ofSeconds((i + round) % 400), (i * 7 + round) % 300);
    }
    PeerUpdate u = p.build();
    return Status.newBuilder().setLifecycle(Status.Lifecycle.STARTED).setPeerUpdate(u).build();
  }

  /** Runs {@code rounds} updates of {@code n} workspaces; returns each one's milliseconds. */
  public static double[] run(int n, int warmup, int rounds) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    try {
      Platform.startup(started::countDown);
    } catch (IllegalStateException alreadyRunning) {
      started.countDown();
    }
    started.await(20, TimeUnit.SECONDS);
    UiThread ui = UiThread.javafx();
    ServiceCommands none =
        new ServiceCommands() {
          @Override
          public StartResponse start(String url, String token, Map<String, String> headers) {
            return StartResponse.getDefaultInstance();
          }

          @Override
          public StopResponse stop() {
            return StopResponse.getDefaultInstance();
          }
        };
    VpnViewModel vm =
        onFx(
            () ->
                new VpnViewModel(
                    ui,
                    Runnable::run,
                    Clock.fixed(Peers.NOW, ZoneOffset.UTC),
                    none,
                    new FileTokenStore(Path.of("/nonexistent/credentials")),
                    Map::of));
    Stage stage =
        onFx(
            () -> {
              vm.signedIn(
                  new SignIn(
                      DeploymentUrl.parse("https://coder.example.com"), SessionToken.of("t")));
              TrayView view = new TrayView(vm, noActions());
              Stage s = new Stage();
              Scene scene = new Scene(view.root());
              scene.getStylesheets().add(Styles.url());
              s.setScene(scene);
              s.show();
              vm.workspaces().showAll().set(true);
              return s;
            });
    Status[] updates = new Status[warmup + rounds];
    for (int i = 0; i < updates.length; i++) {
      updates[i] = status(n, i);
    }
    double[] ms = new double[rounds];
    for (int i = 0; i < updates.length; i++) {
      Status s = updates[i];
      long t0 = System.nanoTime();
      // As the service connection does: the listener maps on the socket thread, then posts.
      CompletableFuture<Void> shown = new CompletableFuture<>();
      vm.onStatus(s);
      Platform.runLater(
          () -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            shown.complete(null);
          });
      shown.get(30, TimeUnit.SECONDS);
      long t1 = System.nanoTime();
      if (i >= warmup) {
        ms[i - warmup] = (t1 - t0) / 1e6;
      }
    }
    AppState state = onFx(() -> vm.status().get().state());
    int total = onFx(() -> vm.workspaces().total().get());
    if (state != AppState.ON || total != n) {
      throw new IllegalStateException("bench did not reach ON with " + n + " rows: " + state);
    }
    Platform.runLater(stage::close);
    return ms;
  }

  /** The median. */
  public static double median(double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static TrayActions noActions() {
    return new TrayActions() {
      @Override
      public void showSignIn() {}

      @Override
      public void showSettings() {}

      @Override
      public void open(String url) {}

      @Override
      public void quit() {}
    };
  }

  private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            f.complete(c.call());
          } catch (Exception e) {
            f.completeExceptionally(e);
          }
        });
    return f.get(30, TimeUnit.SECONDS);
  }

  /** {@code TrayListBench [workspaces] [rounds]}; last line {@code tray_update_ms=<median>}. */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    double[] ms = run(n, 10, rounds);
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    System.out.printf(
        java.util.Locale.ROOT,
        "workspaces=%d rounds=%d min_ms=%.1f median_ms=%.1f p90_ms=%.1f max_ms=%.1f%n",
        n,
        rounds,
        sorted[0],
        median(ms),
        sorted[(int) (sorted.length * 0.9)],
        sorted[sorted.length - 1]);
    System.out.println("tray_update_ms=" + Math.round(median(ms)));
    Platform.exit();
  }
}
