#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Regenerates docs/cli.md from the coder-desktop command's own help (after ./mvnw install).
set -euo pipefail
cd "$(dirname "$0")/.."
commands=(login logout deployments use up down status hosts shared ping wake netcheck bugreport start stop ports apps completion)
{
  echo "# coder-desktop CLI reference"
  echo
  echo "Generated from the command's own help by \`scripts/gen-cli-docs.sh\`. The package also"
  echo "installs a man page (\`man coder-desktop\`, from \`coder-desktop man\`) and bash completion"
  echo "(\`coder-desktop completion\`), both generated from the same command tree."
  echo
  echo "Results go to standard output; prompts, notes and errors to standard error, an error as one"
  echo "line starting \`coder-desktop: \` (set \`CODER_DESKTOP_DEBUG=1\` for a stack trace)."
  for c in "" "${commands[@]}"; do
    echo
    echo "## coder-desktop${c:+ $c}"
    echo
    echo '```'
    # shellcheck disable=SC2086 # the empty command must vanish
    bin/coder-desktop $c --help
    echo '```'
  done
  cat <<'SCHEMA'

## JSON output (schema 1)

`status --json` prints one object (with `--watch`, one object per line per change):

| Field | Type | Meaning |
| --- | --- | --- |
| `schema` | number | `1`; fields are only ever added, a removal or change of meaning raises it |
| `state` | string | `started`, `starting`, `stopping` or `stopped` |
| `message` | string | the service's note (e.g. DNS) or last error; empty when none |
| `agents[]` | array | one object per workspace agent, sorted by `hostname` |
| `agents[].workspace` | string | the workspace's name |
| `agents[].workspace_status` | string | `running`, `stopped`, `starting`, … (Coder's build status, lower case) |
| `agents[].name` | string | the agent's name |
| `agents[].hostname` | string | the name to use, e.g. `dev.coder` |
| `agents[].fqdns` | string[] | every name the agent answers to |
| `agents[].addresses` | string[] | its tunnel addresses |
| `agents[].state` | string | `connected` (handshake within 5 min), `connecting` (no handshake yet), `stale` (older handshake), `offline` (workspace not running) |
| `agents[].last_handshake` | string or null | the last WireGuard handshake, ISO-8601 UTC |
| `agents[].latency_ms` | number or null | round trip of the service's last ping (every 5 s) |
| `agents[].path` | string or null | `direct` (peer to peer) or `relay` (through DERP); null before the first ping |
| `agents[].relay` | string or null | the DERP region the service uses for the agent |

`hosts --json` prints an array of `{hostname, workspace, agent, addresses[]}`.

`ports --json` prints `{host, workspace, agent, ports[]}`, each port `{port, process_name, url}`
(`url` is `http://<host>:<port>/`; `process_name` is empty when the agent could not tell).

`apps --json` prints `{workspace, agent, apps[]}`, each app `{slug, name, kind, target}`: `kind` is
`web` (target: the dashboard's URL), `external` (its own link, a `$SESSION_TOKEN` placeholder kept),
`vscode` (the Coder extension's `vscode://` link) or `terminal` (target: the host to `ssh` to);
built-ins have slugs starting with `-`.

`deployments --json` (and `use --json` without a deployment) prints one object:

| Field | Type | Meaning |
| --- | --- | --- |
| `schema` | number | `1` |
| `current` | string or null | the current deployment's URL (the one `up` and the tray app use) |
| `vpn` | string or null | the deployment CoderVPN is on; null when it is off or the service does not answer |
| `deployments[]` | array | every deployment signed in to, oldest first: `{url, host, current, vpn}` (the last two booleans) |

`shared --json` prints one object:

| Field | Type | Meaning |
| --- | --- | --- |
| `schema` | number | `1` |
| `deployment` | string | the current deployment's URL |
| `supported` | boolean | whether the deployment lists shared workspaces (Coder's workspace sharing; v2.30.0 does, v2.20.0 and v2.24.1 do not) |
| `workspaces[]` | array | `{owner, name, status, url}`: the workspaces other users shared with you; `url` is the dashboard page |

## Exit status

| Code | Meaning |
| --- | --- |
| 0 | ok |
| 1 | the service or the deployment refused or failed the request |
| 2 | usage error: bad option, argument or file (e.g. `login --token-file /missing`) |
| 3 | the service is not running or refused the connection (e.g. `--socket /nonexistent`) |
| 4 | not signed in (`up` before `login`; `use` or `logout` naming a deployment you are not signed in to) |
| 5 | `netcheck`: a step of the path failed |
SCHEMA
} >docs/cli.md
