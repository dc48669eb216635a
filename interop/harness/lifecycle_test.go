// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only

package harness

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/coder/coder/v2/agent"
	"github.com/coder/coder/v2/agent/agenttest"
	"github.com/coder/coder/v2/codersdk"
)

// machine plays the workspace's machine the way a real template's VM comes and goes: when a
// start build succeeds an agent starts with the template's token, and when a stop build succeeds
// the agent is shut down. Whoever asked for the build (the client under test, the dashboard's API,
// the harness's own "stop-workspace") does not matter. Events go to stdout as JSON lines.
type machine struct {
	t          testing.TB
	client     *codersdk.Client
	agentToken string
	workspace  uuid.UUID

	mu        sync.Mutex // guards the fields below
	running   agent.Agent
	lastBuild uuid.UUID
}

// watch follows the workspace's latest build until ctx ends.
func (m *machine) watch(ctx context.Context) {
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		m.step(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

func (m *machine) step(ctx context.Context) {
	ws, err := m.client.Workspace(ctx, m.workspace)
	if err != nil {
		return
	}
	b := ws.LatestBuild
	if b.Job.Status != codersdk.ProvisionerJobSucceeded {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if b.ID == m.lastBuild {
		return
	}
	m.lastBuild = b.ID
	switch b.Transition {
	case codersdk.WorkspaceTransitionStart:
		if m.running == nil {
			m.running = agenttest.New(m.t, m.client.URL, m.agentToken)
			fmt.Printf("{\"event\":\"agent-started\",\"build\":%d}\n", b.BuildNumber)
		}
	case codersdk.WorkspaceTransitionStop, codersdk.WorkspaceTransitionDelete:
		if m.running != nil {
			_ = m.running.Close()
			m.running = nil
			fmt.Printf("{\"event\":\"agent-stopped\",\"build\":%d}\n", b.BuildNumber)
		}
	}
}
