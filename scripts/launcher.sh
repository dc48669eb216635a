#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Sourced by bin/*: finds JDK 25 and a module's built class path, or says in one line to build first.
#   launcher_classpath MODULE   prints MODULE/target/classes plus its runtime class path
# NO_PHONE_HOME holds the JVM options every launcher passes: dorkbox SystemTray's update check
# (a POST of an instance id and versions over plain HTTP) off. dorkbox Updates 1.1 reads
# dorkbox.updates.Updates.ENABLE; dorkbox.Updates.ENABLE is the spelling its documentation uses.
NO_PHONE_HOME=(-Ddorkbox.updates.Updates.ENABLE=false -Ddorkbox.Updates.ENABLE=false)
source "$ROOT/scripts/java-home.sh"
launcher_classpath() { # module
  local dir="$ROOT/$1/target"
  if [[ ! -f $dir/classpath.txt || ! -d $dir/classes ]]; then
    echo "$(basename "$0"): build first: ./mvnw -q install -DskipTests (in $ROOT)" >&2
    exit 1
  fi
  echo "$dir/classes:$(cat "$dir/classpath.txt")"
}
