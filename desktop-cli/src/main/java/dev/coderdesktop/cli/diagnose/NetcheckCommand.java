// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.diagnose;

import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.cli.status.AgentInfo;
import dev.coderdesktop.cli.status.StatusReport;
import dev.coderdesktop.vpn.proto.ServiceClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netcheck}: follows a {@code .coder} name along its path — the service, the system
 * resolver, the service's DNS shim, the DERP relay, the agent — and prints each step as PASS or
 * FAIL with the fix, then names the broken step (the shim before the resolver that depends on it).
 */
@Command(
    name = "netcheck",
    mixinStandardHelpOptions = true,
    description = {
      "Check the path to a workspace step by step and say which step is broken and how to fix it:",
      "  service   the Coder Desktop service answers and CoderVPN is on",
      "  resolver  the system resolver turns the .coder name into the agent's address",
      "  shim      the service's DNS resolver answers directly",
      "  relay     the service reaches the agent through the DERP relay (or directly)",
      "  agent     the agent answers a ping through the tunnel",
      "Exit status 5 when a step fails."
    })
public final class NetcheckCommand extends Subcommand {

  /** The service's resolver address (fixed by the service: the tunnel prefix's ::53). */
  static final String SHIM = "fd60:627a:a42b::53";

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "HOST",
      description = "The agent to check, e.g. dev.coder (default: the first connected one).")
  String host;

  @Option(
      names = "--resolver",
      paramLabel = "ADDRESS",
      description = "The service's DNS resolver (default: " + SHIM + ").")
  String shim = SHIM;

  @Override
  public Integer call() throws UserError, IOException {
    List<Step> steps = new ArrayList<>();
    StatusReport report;
    try (ServiceClient client = root.connect()) {
      report = StatusReport.from(client.status(), root.clock().instant());
    } catch (UserError e) {
      steps.add(
          Step.fail(
              "service",
              e.getMessage(),
              "start it: sudo systemctl start coder-desktop-vpn (or see docs/operator.md)"));
      return finish(steps);
    }
    if (!report.state().equals("started")) {
      steps.add(
          Step.fail("service", "CoderVPN is " + report.state(), "turn it on: coder-desktop up"));
      return finish(steps);
    }
    Optional<AgentInfo> target = pick(report);
    if (target.isEmpty()) {
      steps.add(
          Step.fail(
              "service",
              host == null ? "no running agent to check" : host + " is not one of your agents",
              "start a workspace, then see coder-desktop hosts"));
      return finish(steps);
    }
    AgentInfo a = target.get();
    steps.add(Step.pass("service", "CoderVPN is on; checking " + a.hostname()));
    steps.add(NetcheckSteps.resolver(a, report.message()));
    steps.add(NetcheckSteps.shim(a, shim, TIMEOUT));
    steps.add(NetcheckSteps.relay(a));
    steps.add(NetcheckSteps.agent(a, TIMEOUT));
    return finish(steps);
  }

  private Optional<AgentInfo> pick(StatusReport r) {
    if (host != null) {
      String want = host.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
      return r.agents().stream().filter(a -> a.fqdns().contains(want)).findFirst();
    }
    return r.agents().stream()
        .filter(a -> a.state().equals("connected"))
        .findFirst()
        .or(
            () ->
                r.agents().stream().filter(a -> a.workspaceStatus().equals("running")).findFirst());
  }

  private int finish(List<Step> steps) {
    PrintWriter out = root.terminal().out();
    for (Step s : steps) {
      out.printf(Locale.ROOT, "%s %-8s %s%n", s.passed() ? "PASS" : "FAIL", s.name(), s.detail());
      if (!s.passed()) {
        out.println("              fix: " + s.fix());
      }
    }
    out.flush();
    Optional<Step> broken = NetcheckSteps.broken(steps);
    if (broken.isEmpty()) {
      out.println("All steps pass.");
      out.flush();
      return ExitCode.OK;
    }
    root.terminal()
        .err()
        .println(
            "coder-desktop: netcheck: the broken step is "
                + broken.get().name()
                + ": "
                + broken.get().fix());
    root.terminal().err().flush();
    return ExitCode.CHECK_FAILED;
  }

  /** The shim's address as given. */
  static InetAddress address(String text) throws IOException {
    return InetAddress.getByName(text);
  }
}
