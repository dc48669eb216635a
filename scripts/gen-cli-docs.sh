#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Regenerates docs/cli.md from the coder-desktop command's own help (after ./mvnw install).
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo "# coder-desktop CLI reference"
  echo
  echo "Generated from the command's own help by \`scripts/gen-cli-docs.sh\`."
  for c in "" login up down status hosts ping wake; do
    echo
    echo "## coder-desktop${c:+ $c}"
    echo
    echo '```'
    bin/coder-desktop $c --help
    echo '```'
  done
} >docs/cli.md
