#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Sourced by bin/*: finds JDK 25 and a module's built class path, or says in one line to build first.
#   launcher_classpath MODULE   prints MODULE/target/classes plus its runtime class path
#   launcher_jvm MODULE PROGRAM sets JVM_ARGS: the program's options (scripts/jvm/PROGRAM.options),
#                               the class path, and the AOT cache when there is a current one
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

# The module's jar and its runtime class path, when the jar is at least as new as every compiled
# class (else nothing: a `./mvnw compile` since the last package). An AOT cache needs jars.
launcher_jar_classpath() { # module
  local module=$1 dir="$ROOT/$1/target" jar
  jar=$(find "$dir" -maxdepth 1 -name "$module-*.jar" ! -name '*-tests.jar' ! -name '*-sources.jar' | head -n 1)
  [[ -n $jar && -f $dir/classpath.txt && -z $(find "$dir/classes" -newer "$jar" -type f -print -quit) ]] \
    && echo "$jar:$(cat "$dir/classpath.txt")"
}

# Whether CACHE exists and is newer than every jar on CLASSPATH. JDK 25 takes a cache trained on an
# older build of a jar without a word and serves that build's classes (seen: the old help text of a
# rebuilt command), so a jar rebuilt with -Daot.skip=true (here, or installed into ~/.m2 by a build
# of one module) must not meet it.
launcher_cache_current() { # cache classpath
  local entry entries
  [[ -f $1 ]] || return 1
  IFS=: read -ra entries <<<"$2"
  for entry in "${entries[@]}"; do
    [[ $entry == *.jar && $entry -nt $1 ]] && return 1
  done
  return 0
}

# The jars and -XX:AOTCache=target/aot/PROGRAM.aot (in the checkout's root) when `./mvnw package`
# trained one after the jars were built (scripts/aot-train.sh; launcher_cache_current);
# target/classes when the jar is stale. CODER_DESKTOP_PLAIN_JVM=1 drops the options and the cache
# (the JVM's defaults, as before they existed), to compare.
launcher_jvm() { # module program
  local module=$1 program=$2 cp
  launcher_classpath "$module" >/dev/null || exit 1
  if [[ -n ${CODER_DESKTOP_PLAIN_JVM:-} ]]; then
    JVM_ARGS=(--enable-native-access=ALL-UNNAMED -cp "$(launcher_classpath "$module")")
    return
  fi
  JVM_ARGS=("@$ROOT/scripts/jvm/$program.options")
  if cp=$(launcher_jar_classpath "$module"); then
    JVM_ARGS+=(-cp "$cp")
    # An if, not [[ ]] &&: a missing cache (a build with -Daot.skip=true) must not end the
    # function with a failure, which stops the launcher under set -e.
    if launcher_cache_current "$ROOT/target/aot/$program.aot" "$cp"; then
      JVM_ARGS+=("-XX:AOTCache=$ROOT/target/aot/$program.aot" -Xlog:aot=off,cds=off)
    fi
  else
    JVM_ARGS+=(-cp "$(launcher_classpath "$module")")
  fi
}
