// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only

//go:build provision_graph

package harness

import (
	"github.com/coder/coder/v2/provisioner/echo"
	"github.com/coder/coder/v2/provisionersdk/proto"
)

// templateWithAgent is an echo-provisioner template whose start build creates one agent with the
// given token and the harness's apps, and whose stop build creates none. Newer releases (v2.30.0) read the resources from
// a separate graph step after apply.
func templateWithAgent(agentToken string, appPort int) *echo.Responses {
	return &echo.Responses{
		Parse: echo.ParseComplete,
		ProvisionGraphMap: map[proto.WorkspaceTransition][]*proto.Response{
			proto.WorkspaceTransition_START: {{Type: &proto.Response_Graph{Graph: &proto.GraphComplete{
				Resources: harnessResources(agentToken, appPort),
			}}}},
			proto.WorkspaceTransition_STOP: echo.GraphComplete,
		},
	}
}
