#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# Builds the Linux x64 packages into installer/target/: a .deb always, and an .rpm when rpmbuild is
# installed. Each bundles a jlink'd Java runtime (no Java needed on the target) under
# /opt/coder-desktop with the launchers coder-desktop (the CLI), coder-desktop-service (the root
# daemon, run by the systemd unit coder-desktop-vpn.service) and, when the desktop-app module is in
# the Maven reactor, coder-desktop-tray (the tray app, with a desktop entry and an icon).
#
#   installer/build.sh [--no-maven] [--no-tray] [--no-rpm]
#     --no-maven   use the jars already built by ./mvnw install instead of running it
#     --no-tray    leave the tray app out even when desktop-app is in the reactor
#     --no-rpm     build only the .deb
#   VERSION=1.2.3 overrides the package version (default: the root pom's, without -SNAPSHOT).
#
# Needs JDK 25 (jpackage), dpkg-deb and fakeroot; rpmbuild for the .rpm (scripts/prereqs.sh
# installs them on Debian). See installer/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source scripts/java-home.sh

maven=1 tray=1 rpm=1
for arg in "$@"; do
  case "$arg" in
    --no-maven) maven=0 ;;
    --no-tray) tray=0 ;;
    --no-rpm) rpm=0 ;;
    *) echo "usage: installer/build.sh [--no-maven] [--no-tray] [--no-rpm]" >&2; exit 2 ;;
  esac
done
# The tray app is packaged exactly when the root pom lists the desktop-app module.
grep -q '<module>desktop-app</module>' pom.xml || tray=0

POM_VERSION=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)
VERSION=${VERSION:-${POM_VERSION%-SNAPSHOT}}
OUT=installer/target
LINUX=installer/linux
NAME=coder-desktop

if ((maven)); then
  echo "== building the jars (./mvnw install -DskipTests)"
  ./mvnw -B -q -DskipTests install
fi

rm -rf "$OUT"
mkdir -p "$OUT/input" "$OUT/content/system" "$OUT/content/doc" "$OUT/launchers"

# Copies a module's jar and its runtime classpath (target/classpath.txt, which the module's pom
# writes with maven-dependency-plugin) into the shared input directory. jpackage puts every jar
# there on every launcher's class path.
stage_module() { # module
  local module=$1 jar
  jar="$module/target/$module-$POM_VERSION.jar"
  [[ -f $jar ]] || { echo "build.sh: $jar is missing: run ./mvnw install first" >&2; exit 1; }
  if [[ ! -f $module/target/classpath.txt ]]; then
    ./mvnw -B -q -pl "$module" dependency:build-classpath -Dmdep.includeScope=runtime \
      -Dmdep.outputFile="$ROOT/$module/target/classpath.txt"
  fi
  cp "$jar" "$OUT/input/"
  local deps
  IFS=: read -r -a deps <"$module/target/classpath.txt" || true # no final newline
  for dep in "${deps[@]}"; do
    [[ -z $dep ]] || cp -n "$dep" "$OUT/input/"
  done
}

echo "== staging jars"
stage_module desktop-cli
stage_module vpn-service
fx_modules=""
if ((tray)); then
  stage_module desktop-app
  # JavaFX goes into the runtime image as named modules (the supported way to run it), not on the
  # class path: its platform jars (javafx-NAME-VERSION-linux.jar) are modular and carry their
  # natives; the plain javafx-NAME-VERSION.jar files are empty placeholders.
  mkdir -p "$OUT/javafx"
  for jar in "$OUT"/input/javafx-*.jar; do
    if [[ $jar == *-linux.jar ]]; then
      mv "$jar" "$OUT/javafx/"
      fx_modules+=",$(basename "$jar" | sed -E 's/^javafx-([a-z]+)-.*/javafx.\1/')"
    else
      rm "$jar"
    fi
  done
fi

# The runtime's modules: what jdeps finds, plus what reflection and service loading need.
modules="java.base,java.logging,java.naming,java.net.http,jdk.net,jdk.unsupported,jdk.crypto.ec"
if ((tray)); then
  modules+=",java.desktop,java.xml,java.scripting,jdk.jsobject,jdk.xml.dom,jdk.unsupported.desktop"
fi
if found=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --multi-release 25 --print-module-deps \
    --module-path "$OUT/input${fx_modules:+:$OUT/javafx}" --add-modules ALL-MODULE-PATH 2>/dev/null | tail -n 1) \
    && [[ $found =~ ^[a-z.,]+$ ]]; then
  modules+=",$found"
else
  echo "build.sh: jdeps could not list the modules; using the fixed list" >&2
fi
modules=$(tr ',' '\n' <<<"$modules$fx_modules" | sort -u | paste -sd, -)
echo "   runtime modules: $modules"

# Extra content, which jpackage puts under /opt/coder-desktop/lib: system/ holds the unit, its
# settings template, the hook script the maintainer scripts call, the desktop entry and the icon;
# doc/ the user guide.
cp "$LINUX/system/"* "$OUT/content/system/"
cp docs/user-guide.md "$OUT/content/doc/"
if ((!tray)); then
  rm -f "$OUT/content/system/coder-desktop-tray.desktop" "$OUT/content/system/coder-desktop.svg"
fi

# The shell completion and the man page, generated from the CLI's command tree.
cli_cp="desktop-cli/target/desktop-cli-$POM_VERSION.jar:$(cat desktop-cli/target/classpath.txt)"
"$JAVA_HOME/bin/java" -cp "$cli_cp" dev.coderdesktop.cli.CoderDesktopCli completion \
  >"$OUT/content/system/coder-desktop.bash-completion"
"$JAVA_HOME/bin/java" -cp "$cli_cp" dev.coderdesktop.cli.CoderDesktopCli man | gzip -9n \
  >"$OUT/content/system/coder-desktop.1.gz"

# Every launcher turns dorkbox's update check off (it would POST an instance id over plain HTTP);
# desktop-app's UpdateCheckOffTest fails if one does not. Updates 1.1 reads the first name.
NO_PHONE_HOME="-Ddorkbox.updates.Updates.ENABLE=false -Ddorkbox.Updates.ENABLE=false"
# Each launcher's JVM options: scripts/jvm/PROGRAM.options (what bin/ passes as an @argument file),
# and the AOT cache trained below, which the JVM ignores, silently, if it does not match.
jvm_options() { # program
  sed -e 's/#.*//' -e 's/[[:space:]]*$//' "scripts/jvm/$1.options" | grep -v '^$' | paste -sd' ' -
}
aot() { # program
  echo "-XX:AOTCache=\$APPDIR/$1.aot -Xlog:aot=off,cds=off"
}

cat >"$OUT/launchers/coder-desktop-service.properties" <<EOF
main-jar=vpn-service-$POM_VERSION.jar
main-class=dev.coderdesktop.vpn.service.ServiceMain
description=Coder Desktop VPN service (runs as root)
java-options=$(jvm_options service) $(aot service) $NO_PHONE_HOME
EOF
launchers=(--add-launcher "coder-desktop-service=$OUT/launchers/coder-desktop-service.properties")
if ((tray)); then
  cat >"$OUT/launchers/coder-desktop-tray.properties" <<EOF
main-jar=desktop-app-$POM_VERSION.jar
main-class=dev.coderdesktop.desktop.DesktopMain
description=Coder Desktop tray app
java-options=--enable-native-access=ALL-UNNAMED,javafx.graphics $(jvm_options tray) $(aot tray) $NO_PHONE_HOME
EOF
  launchers+=(--add-launcher "coder-desktop-tray=$OUT/launchers/coder-desktop-tray.properties")
fi

common=(--name "$NAME" --app-version "$VERSION" --vendor "Coder Desktop for Java contributors"
        --description "Reach your Coder workspaces by their .coder names (CoderVPN)"
        --copyright "Coder Desktop for Java contributors; AGPL-3.0-only")

echo "== app image: jlink'd runtime; launchers coder-desktop, coder-desktop-service$( ((tray)) && echo ", coder-desktop-tray")"
"$JAVA_HOME/bin/jpackage" --type app-image "${common[@]}" --dest "$OUT/image" \
  --input "$OUT/input" --main-jar "desktop-cli-$POM_VERSION.jar" \
  --main-class dev.coderdesktop.cli.CoderDesktopCli --java-options "$NO_PHONE_HOME" \
  --java-options "$(jvm_options cli) $(aot cli)" \
  "${launchers[@]}" \
  --add-modules "$modules" ${fx_modules:+--module-path "$OUT/javafx"} \
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=zip-6 --generate-cds-archive" \
  --app-content "$OUT/content/system,$OUT/content/doc"

# The AOT caches, trained with the image's own runtime on the image's jars (a cache only fits the
# runtime that made it; the jars may move with their directory, to /opt/coder-desktop/lib/app).
# A failed training leaves a launcher without its cache, which only costs start-up time.
IMG="$OUT/image/$NAME"
cfg_classpath() { # launcher: its class path, in the .cfg's order
  sed -n 's|^app.classpath=\$APPDIR|'"$IMG"'/lib/app|p' "$IMG/lib/app/$1.cfg" | paste -sd: -
}
echo "== AOT caches (scripts/aot-train.sh)"
# The service's training session (a Start against the testbed) runs the testbed from this checkout
# with the JDK; without a built testbed the service's cache covers its start alone.
tb_jar=$(ls testbed/target/testbed-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n 1 || true)
if [[ -n $tb_jar && -f testbed/target/classpath.txt ]]; then
  export TESTBED_CP="$tb_jar:$(cat testbed/target/classpath.txt)" TESTBED_JAVA="$JAVA_HOME/bin/java"
fi
if [[ -x $IMG/lib/runtime/bin/java ]] \
  && scripts/aot-train.sh service-cli "$OUT/aot" "$IMG/lib/runtime/bin/java" \
    "$(cfg_classpath coder-desktop-service)" "$(cfg_classpath coder-desktop)" \
  && { ((!tray)) || scripts/aot-train.sh tray "$OUT/aot" "$IMG/lib/runtime/bin/java" \
    "$(cfg_classpath coder-desktop-service)" "$(cfg_classpath coder-desktop-tray)"; }; then
  cp "$OUT"/aot/*.aot "$IMG/lib/app/"
else
  echo "build.sh: AOT training failed (logs in $OUT/aot); the package starts without caches" >&2
fi

package() { # type, dependencies
  "$JAVA_HOME/bin/jpackage" --type "$1" "${common[@]}" --dest "$OUT" \
    --app-image "$OUT/image/$NAME" --install-dir /opt \
    --resource-dir "$LINUX/resources" --license-file LICENSE \
    --linux-package-name "$NAME" --linux-app-category net \
    --linux-deb-maintainer "${DEB_MAINTAINER:-maintainers@coder-desktop.invalid}" \
    --linux-package-deps "$2"
}

echo "== .deb"
# jpackage finds the libraries the runtime links; JavaFX loads GTK 3 itself, so name it.
package deb "iproute2$( ((tray)) && echo ", libgtk-3-0")"
if ((rpm)) && command -v rpmbuild >/dev/null; then
  echo "== .rpm"
  package rpm "iproute$( ((tray)) && echo ", gtk3")"
elif ((rpm)); then
  echo "   (no rpmbuild: skipped the .rpm; apt-get install rpm to build it)"
fi
ls -l "$OUT"/*.deb "$OUT"/*.rpm 2>/dev/null || true
