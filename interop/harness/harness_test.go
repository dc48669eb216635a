// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only

// Package harness runs a real Coder server (coderd, its test database, embedded DERP relay)
// with one workspace whose agent is a real Coder agent, on loopback, for the Java client's
// end-to-end tests. It is a Go test only because coderdtest needs a testing.TB; interop/run.sh
// starts it with CODER_DESKTOP_HARNESS=1, reads one line of JSON from stdout and talks to it over
// stdin ("stop-workspace", "restart-server <ms>", "restart-relay <ms>", "quit"; see gate_test.go
// for what a restart is here). The agent runs while the workspace's latest build is a successful
// start, whoever asked for it (machine), so clients can stop and start it again. The same source
// builds against every Coder release in interop/versions/; the few calls whose shape differs
// between releases sit in files selected by
// build tags (template_*.go).
package harness

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/coder/coder/v2/coderd/coderdtest"
	"github.com/coder/coder/v2/codersdk"
)

type ready struct {
	URL         string `json:"url"`
	Token       string `json:"token"`
	Username    string `json:"username"`
	UserID      string `json:"user_id"`
	Workspace   string `json:"workspace"`
	WorkspaceID string `json:"workspace_id"`
	Agent       string `json:"agent"`
	AgentID     string `json:"agent_id"`
	HTTPPort    int    `json:"http_port"`
	AppPort     int    `json:"app_port"`
	Version     string `json:"version"`
}

func TestHarness(t *testing.T) {
	if os.Getenv("CODER_DESKTOP_HARNESS") == "" {
		t.Skip("started by interop/run.sh")
	}
	ctx := context.Background()
	g := newGate()
	opts := &coderdtest.Options{
		IncludeProvisionerDaemon: true,
		AppHostname:              appHostname,
		APIMiddleware:            g.middleware,
	}
	deploymentValues := func() *codersdk.DeploymentValues {
		if opts.DeploymentValues == nil {
			opts.DeploymentValues = coderdtest.DeploymentValues(t)
		}
		return opts.DeploymentValues
	}
	if os.Getenv("CODER_DESKTOP_DERP_WEBSOCKETS") != "" {
		// Tell clients to reach DERP over websockets only (derp_force_websockets).
		deploymentValues().DERP.Config.ForceWebSockets = true
	}
	if os.Getenv("CODER_DESKTOP_BLOCK_DIRECT") != "" {
		// CODER_BLOCK_DIRECT: clients and agents get disable_direct_connections and stay on DERP.
		deploymentValues().DERP.Config.BlockDirect = true
	}
	client := coderdtest.New(t, opts)
	first := coderdtest.CreateFirstUser(t, client)

	// A service on the agent's machine: the agent forwards tailnet TCP to local ports.
	// "/" says hello; "/bytes/<n>" streams n bytes, for throughput benchmarks.
	ln := serve(t, "hello from the real coder agent")
	// The apps' own server, on another port: coderd leaves app ports out of the listening ports.
	appLn := serve(t, "hello from the harness's app")
	appPort := appLn.Addr().(*net.TCPAddr).Port

	// The workspace has one agent while started and none once stopped, as a real template; the
	// machine below starts and stops the agent with the builds.
	agentToken := uuid.NewString()
	version := coderdtest.CreateTemplateVersion(t, client, first.OrganizationID, templateWithAgent(agentToken, appPort))
	coderdtest.AwaitTemplateVersionJobCompleted(t, client, version.ID)
	template := coderdtest.CreateTemplate(t, client, first.OrganizationID, version.ID)
	ws := coderdtest.CreateWorkspace(t, client, template.ID)
	coderdtest.AwaitWorkspaceBuildJobCompleted(t, client, ws.LatestBuild.ID)

	m := &machine{t: t, client: client, agentToken: agentToken, workspace: ws.ID}
	watchCtx, stopWatching := context.WithCancel(ctx)
	defer stopWatching()
	go m.watch(watchCtx)
	resources := coderdtest.NewWorkspaceAgentWaiter(t, client, ws.ID).Wait()
	agent := resources[0].Agents[0]

	me, err := client.User(ctx, codersdk.Me)
	if err != nil {
		t.Fatal(err)
	}
	info, err := client.BuildInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	line, _ := json.Marshal(ready{
		URL:         client.URL.String(),
		Token:       client.SessionToken(),
		Username:    me.Username,
		UserID:      me.ID.String(),
		Workspace:   ws.Name,
		WorkspaceID: ws.ID.String(),
		Agent:       agent.Name,
		AgentID:     agent.ID.String(),
		HTTPPort:    ln.Addr().(*net.TCPAddr).Port,
		AppPort:     appPort,
		Version:     info.Version,
	})
	fmt.Println(string(line))

	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		cmd := strings.Fields(in.Text())
		if len(cmd) == 0 {
			continue
		}
		switch cmd[0] {
		case "restart-server", "restart-relay":
			// "restart-server <ms>": every upgraded connection cut, every request refused for <ms>.
			down := 3 * time.Second
			if len(cmd) > 1 {
				ms, err := strconv.Atoi(cmd[1])
				if err != nil || ms < 0 {
					fmt.Fprintf(os.Stderr, "harness: bad duration %q\n", cmd[1])
					continue
				}
				down = time.Duration(ms) * time.Millisecond
			}
			relay := cmd[0] == "restart-relay"
			n := g.cut(down, relay)
			fmt.Printf("{\"event\":%q,\"cut\":%d}\n", cmd[0], n)
		case "stop-workspace":
			// A stop build through the API (MustTransitionWorkspace changed its signature between
			// releases; this call did not).
			build, err := client.CreateWorkspaceBuild(ctx, ws.ID, codersdk.CreateWorkspaceBuildRequest{
				Transition: codersdk.WorkspaceTransitionStop,
			})
			if err != nil {
				t.Fatal(err)
			}
			coderdtest.AwaitWorkspaceBuildJobCompleted(t, client, build.ID)
			fmt.Println(`{"event":"workspace-stopped"}`)
		case "quit":
			return
		}
	}
}

// serve starts an HTTP server on a loopback port of the agent's machine: "/" answers hello,
// "/bytes/<n>" streams n bytes.
func serve(t testing.TB, hello string) net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		_, _ = fmt.Fprintln(w, hello)
	})
	mux.HandleFunc("/bytes/", serveBytes)
	srv := &http.Server{Handler: mux}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln
}

// serveBytes answers GET /bytes/<n> with n bytes (at most 8 GiB) of a fixed pattern.
func serveBytes(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.ParseInt(strings.TrimPrefix(r.URL.Path, "/bytes/"), 10, 64)
	if err != nil || n < 0 || n > 8<<30 {
		http.Error(w, "want /bytes/<n> with 0 <= n <= 8 GiB", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
	chunk := make([]byte, 64<<10)
	for i := range chunk {
		chunk[i] = byte(i)
	}
	for n > 0 {
		m := int64(len(chunk))
		if n < m {
			m = n
		}
		if _, err := w.Write(chunk[:m]); err != nil {
			return
		}
		n -= m
	}
}
