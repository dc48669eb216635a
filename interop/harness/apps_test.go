// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only

package harness

import (
	"fmt"

	"github.com/coder/coder/v2/provisionersdk/proto"
)

// appHostname is the deployment's wildcard app host: subdomain apps get URLs under it, as on a
// deployment with CODER_WILDCARD_ACCESS_URL. Nothing resolves it; clients only show the URLs.
const appHostname = "*.apps.harness.test"

// harnessAgent is the workspace's one agent ("example", like the echo provisioner's own) with the
// apps the client lists: a path-based web app and a subdomain web app (both on appPort, so coderd
// leaves that port out of the listening ports), and an external link. Each build gets a new agent
// id from coderd.
func harnessAgent(agentToken string, appPort int) *proto.Agent {
	local := fmt.Sprintf("http://127.0.0.1:%d/", appPort)
	return &proto.Agent{
		Name: "example",
		Auth: &proto.Agent_Token{Token: agentToken},
		// What a template's coder_agent allows by default; clients offer VS Code Desktop from it.
		DisplayApps: &proto.DisplayApps{Vscode: true, WebTerminal: true, SshHelper: true, PortForwardingHelper: true},
		Apps: []*proto.App{
			{Slug: "hello", DisplayName: "Hello", Url: local, SharingLevel: proto.AppSharingLevel_OWNER},
			{Slug: "hello-sub", DisplayName: "Hello (subdomain)", Url: local, Subdomain: true, SharingLevel: proto.AppSharingLevel_OWNER},
			{Slug: "docs", DisplayName: "Coder docs", Url: "https://coder.com/docs", External: true},
		},
	}
}

func harnessResources(agentToken string, appPort int) []*proto.Resource {
	return []*proto.Resource{{
		Name:   "example",
		Type:   "aws_instance",
		Agents: []*proto.Agent{harnessAgent(agentToken, appPort)},
	}}
}
