#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Time for one full status update of 1,000 workspaces to reach the tray window: mapping the
# PeerUpdate, swapping the list model and laying out the window with "Show all" on (JavaFX's headless
# platform, software rendering). Prints the median of $ROUNDS updates after a warm-up; target < 200 ms.
# Last line: tray_update_ms=<n>.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
WORKSPACES=${WORKSPACES:-1000}
ROUNDS=${ROUNDS:-30}
./mvnw -B -q -pl desktop-app -am test-compile dependency:build-classpath -Dspotless.skip \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >/dev/null
CP="desktop-app/target/test-classes:desktop-app/target/classes:$(cat desktop-app/target/test-classpath.txt)"
"$JAVA_HOME/bin/java" -Dglass.platform=Headless -Dprism.order=sw --enable-native-access=ALL-UNNAMED \
  -cp "$CP" dev.coderdesktop.desktop.bench.TrayListBench "$WORKSPACES" "$ROUNDS" 2>/dev/null
