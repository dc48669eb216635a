#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Sourced by the scripts: points JAVA_HOME at a JDK 25 (the build's release) when it does not already.
if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" ]] \
   || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then
  for cand in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if [[ -x "$cand/bin/java" ]] && "$cand/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then
      export JAVA_HOME="$cand"
      break
    fi
  done
fi
if [[ -z "${JAVA_HOME:-}" ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then
  echo "no JDK 25 found (JAVA_HOME=${JAVA_HOME:-unset}, nothing suitable in /usr/lib/jvm)." \
    "Install Eclipse Temurin 25 (https://adoptium.net/installation/linux/: add Adoptium's apt" \
    "repository, then apt install temurin-25-jdk) or another JDK 25, and set JAVA_HOME to it" >&2
  exit 1
fi
