#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Sourced by the scripts and the bin/ launchers: points JAVA_HOME at a JDK 25 or later (the build's
# release) when it does not already. A JDK's version is read from its `release` file, which costs
# nothing, rather than from `java -version`, which starts a JVM (tens of milliseconds, twice, on
# every launch of a bin/ command); a JDK without that file is asked the old way.
java_home_ok() { # dir
  local v
  [[ -x $1/bin/java ]] || return 1
  if [[ -f $1/release ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
    [[ -n $v ]] && ((v >= 25)) && return 0
    [[ -n $v ]] && return 1
  fi
  "$1/bin/java" -version 2>&1 | grep -q 'version "\(2[5-9]\|[3-9][0-9]\)'
}
if [[ -z "${JAVA_HOME:-}" ]] || ! java_home_ok "$JAVA_HOME"; then
  for cand in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if java_home_ok "$cand"; then
      export JAVA_HOME="$cand"
      break
    fi
  done
fi
if [[ -z "${JAVA_HOME:-}" ]] || ! java_home_ok "$JAVA_HOME"; then
  echo "no JDK 25 found (JAVA_HOME=${JAVA_HOME:-unset}, nothing suitable in /usr/lib/jvm)." \
    "Install Eclipse Temurin 25 (https://adoptium.net/installation/linux/: add Adoptium's apt" \
    "repository, then apt install temurin-25-jdk) or another JDK 25, and set JAVA_HOME to it" >&2
  exit 1
fi
