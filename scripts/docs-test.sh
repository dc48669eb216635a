#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-only
# "The docs are true": runs every command of the fenced ```sh blocks of README.md and
# docs/user-guide.md, exactly as written and in order, and fails on the first that fails. Commands
# that cannot run on this machine are listed below with the reason (and the test that covers them
# instead); a command that is in neither the docs nor that list makes the script fail, so the list
# cannot go stale. The commands run as a reader following the docs would, against the testbed: in
# a client namespace of their own (a plain resolv.conf naming its own DNS server, as in the
# end-to-end test), with a private /run/coder-desktop and config directory, `sudo` being root
# itself, the example deployment https://coder.example.com standing for the testbed's URL and the
# token pasted on standard input. The service the package would run is started beforehand from
# this checkout, except for blocks that start it themselves; blocks that use workspace names first
# make sure CoderVPN is on. Root. Ends with "docs test: PASS" or "docs test: FAIL".
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/java-home.sh
source scripts/netns/upstream-dns.sh
source scripts/netns/lab-client.sh
DOCS=(README.md docs/user-guide.md)

# Commands that cannot run here, exactly as the docs write them (comments stripped), with why.
declare -A SKIP=(
  ["scripts/test.sh"]="it runs this docs test"
  ["scripts/demo.sh"]="it execs testbed/e2e.sh, which scripts/test.sh runs"
  ["installer/build.sh && sudo apt install ./installer/target/coder-desktop_*_amd64.deb"]="installs the package on this machine; installer/test-systemd.sh installs it in a booted container"
  ["sudo apt install ./coder-desktop_0.1.0_amd64.deb"]="installs the package on this machine; installer/test-systemd.sh installs it in a booted container"
  ['sudo usermod -aG coder-desktop "$USER"']="changes this machine's users; installer/test-install.sh checks the group with throwaway users"
  ["bin/coder-desktop-tray"]="needs a display; desktop-app's UI tests run the tray app under Xvfb"
  ["sudo cp company-ca.pem /usr/local/share/ca-certificates/company-ca.crt"]="needs your company's CA file and changes this machine's trust store; TLS=1 testbed/e2e.sh installs the testbed's CA in a namespace's copy of the store"
  ["sudo update-ca-certificates"]="changes this machine's trust store; TLS=1 testbed/e2e.sh runs it in a namespace's copy of the store"
  ["coder-desktop login https://dev.example.org"]="needs a second deployment; testbed/e2e-deployments.sh signs in to two testbeds and moves CoderVPN between them"
  ["coder-desktop logout dev.example.org"]="signs out of that second deployment; testbed/e2e-deployments.sh runs logout by host"
  ["sudo systemctl restart coder-desktop-vpn"]="needs the installed package under systemd; installer/test-systemd.sh runs the unit in a booted container"
)
# Commands that run until interrupted: stopped after a few seconds, passing if they printed this.
declare -A UNTIL_INTERRUPTED=(
  ["ping -6 dev.coder"]="bytes from"
)

if [[ $(id -u) -ne 0 ]]; then
  echo "the docs test starts the service and the testbed: run it as root" >&2
  exit 1
fi

WORK=$(mktemp -d /tmp/cdj-docs.XXXXXX)
chmod 755 "$WORK"
NS="cdjdoc$RANDOM"
VETH="cdjdocv$RANDOM"
TESTBED_PID=""
result=FAIL
cleanup() {
  ip netns pids "$NS" 2>/dev/null | xargs -r kill -TERM 2>/dev/null || true
  sleep 1
  ip netns pids "$NS" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
  upstream_dns_down
  ip netns del "$NS" 2>/dev/null || true
  ip link del "$VETH" 2>/dev/null || true
  if [[ -n $TESTBED_PID ]]; then kill -TERM "$TESTBED_PID" 2>/dev/null; wait "$TESTBED_PID" 2>/dev/null || true; fi
  rm -rf "/etc/netns/$NS" "$WORK"
  echo "docs test: $result"
}
trap cleanup EXIT
fail() { echo "FAIL $*"; exit 1; }

# The commands, one per line as "doc<TAB>block<TAB>command".
python3 - "${DOCS[@]}" >"$WORK/commands" <<'PY'
import re, sys
for doc in sys.argv[1:]:
    text = open(doc, encoding="utf-8").read()
    for n, m in enumerate(re.finditer(r"^```sh\n(.*?)^```", text, re.S | re.M)):
        pending = ""
        for line in m.group(1).splitlines():
            if line.lstrip().startswith("#"):
                continue
            line = re.sub(r"\s+#\s.*$", "", line).rstrip()
            if line.endswith("\\"):
                pending += line[:-1].rstrip() + " "
                continue
            cmd = (pending + line).strip()
            pending = ""
            if cmd:
                print(f"{doc}\t{n}\t{cmd}")
PY
[[ -s $WORK/commands ]] || fail "no commands found in ${DOCS[*]}"
for k in "${!SKIP[@]}" "${!UNTIL_INTERRUPTED[@]}"; do
  cut -f3 "$WORK/commands" | grep -qxF -- "$k" || fail "listed here but no longer in the docs: $k"
done

echo "---- the testbed, and a client namespace with a plain resolv.conf and its own DNS server"
TB_CP="$ROOT/testbed/target/classes:$(cat "$ROOT/testbed/target/classpath.txt")" \
  || fail "build first: ./mvnw -q install -DskipTests"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$TB_CP" \
  dev.coderdesktop.testbed.TestbedMain --state-dir "$WORK/testbed" >"$WORK/testbed.out" 2>"$WORK/testbed.err" &
TESTBED_PID=$!
for _ in $(seq 1 450); do [[ -s $WORK/testbed/testbed.json ]] && break; sleep 0.2; done
[[ -s $WORK/testbed/testbed.json ]] || fail "the testbed did not start: $(tail -n 5 "$WORK/testbed.err")"
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$WORK/testbed/testbed.json" "$1"; }
URL=$(field url)
LAB=$(field lab)
field token >"$WORK/token"
lab_client_add "$NS" "$VETH" "$LAB" "$URL"
upstream_dns_up "$NS"
mkdir -p "$WORK/home/.ssh" "$WORK/path"
ln -s "$ROOT/bin/coder-desktop" "$WORK/path/coder-desktop"
# The user guide's ssh settings for *.coder, plus the testbed's key and user.
{
  echo "Host *.coder"
  echo "  StrictHostKeyChecking no"
  echo "  UserKnownHostsFile /dev/null"
  echo "  User root"
  echo "  IdentityFile $(field ssh_key)"
  echo "  LogLevel ERROR"
} >"$WORK/home/.ssh/config"
chmod 600 "$WORK/home/.ssh/config"
echo "ok   testbed at $URL; namespace $NS"

# Runs inside the namespace with a private mount table: one process for the whole walk, so
# background services and the sign-in carry from one command to the next.
cat >"$WORK/walk.sh" <<'WALK'
set -uo pipefail
mkdir -p /run/coder-desktop
mount -t tmpfs -o mode=755 tmpfs /run/coder-desktop
export XDG_CONFIG_HOME=$WORK/home/.config PATH=$WORK/path:$PATH
# ssh reads ~/.ssh from the password database's home, not $HOME: lend it ours, in this mount
# namespace only.
mkdir -p "$(getent passwd "$(id -un)" | cut -d: -f6)/.ssh"
mount --bind "$WORK/home/.ssh" "$(getent passwd "$(id -un)" | cut -d: -f6)/.ssh"
sudo() { "$@"; }
export -f sudo
FIXTURE=""
fixture_start() {
  [[ -S /run/coder-desktop/vpn.sock ]] && return 0
  "$ROOT/bin/coder-desktop-service" --group "$(id -gn)" --state-dir "$WORK/state" \
    >>"$WORK/fixture.log" 2>&1 &
  FIXTURE=$!
  wait_socket
}
fixture_stop() {
  [[ -z $FIXTURE ]] && return 0
  coder-desktop down >/dev/null 2>&1
  kill -TERM "$FIXTURE"; wait "$FIXTURE" 2>/dev/null
  FIXTURE=""
}
wait_socket() {
  for _ in $(seq 1 300); do [[ -S /run/coder-desktop/vpn.sock ]] && return 0; sleep 0.2; done
  echo "FAIL the service's socket did not appear"; exit 1
}
ensure_on() {
  coder-desktop status 2>/dev/null | grep -q '^CoderVPN: started' && return 0
  coder-desktop up >/dev/null 2>&1 || { echo "FAIL fixture: coder-desktop up"; exit 1; }
  for _ in $(seq 1 150); do coder-desktop hosts 2>/dev/null | grep -qx dev.coder && return 0; sleep 0.2; done
  echo "FAIL fixture: dev.coder never appeared"; exit 1
}
fixture_login() {
  [[ -f $XDG_CONFIG_HOME/coder-desktop/credentials ]] && return 0
  coder-desktop login --url "$URL" --allow-insecure-http --token-file "$WORK/token" >/dev/null || exit 1
}
last=""
lastdoc=""
while IFS=$'\t' read -r doc block cmd; do
  if [[ -n ${SKIP[$cmd]+x} ]]; then
    echo "skip $doc: $cmd  (${SKIP[$cmd]})"
    continue
  fi
  if [[ $doc != "$lastdoc" ]]; then
    # Each document starts from CoderVPN off, as its reader would.
    lastdoc=$doc
    [[ -S /run/coder-desktop/vpn.sock ]] && coder-desktop down >/dev/null 2>&1
  fi
  if [[ "$doc/$block" != "$last" ]]; then
    last="$doc/$block"
    block_cmds=$(awk -F'\t' -v d="$doc" -v b="$block" '$1==d && $2==b {print $3}' "$WORK/commands")
    if grep -q "coder-desktop-service" <<<"$block_cmds"; then fixture_stop; else fixture_start; fi
    if grep -q "\.coder\b" <<<"$block_cmds" && ! grep -q "login" <<<"$block_cmds"; then
      fixture_login
      ensure_on
    fi
  fi
  run=${cmd//https:\/\/coder.example.com/$URL}
  # The testbed is plain http:// on a lab address: the docs' login gets the explicit consent.
  if [[ $URL == http://* ]]; then
    run=${run//coder-desktop login /coder-desktop login --allow-insecure-http }
  fi
  # The token is pasted only where the docs say so (login); nothing else reads a terminal.
  input=/dev/null
  [[ $cmd == *" login "* ]] && input=$WORK/token
  echo "run  $doc: $cmd"
  if [[ -n ${UNTIL_INTERRUPTED[$cmd]+x} ]]; then
    out=$(cd "$ROOT" && timeout 6 bash -c "$run" </dev/null 2>&1)
    grep -q "${UNTIL_INTERRUPTED[$cmd]}" <<<"$out" || { echo "$out"; echo "FAIL $doc: $cmd"; exit 1; }
  elif [[ $run == *"&" ]]; then
    (cd "$ROOT" && bash -c "$run" <"$input" >>"$WORK/background.log" 2>&1)
    wait_socket
  else
    if ! (cd "$ROOT" && timeout 600 bash -c "$run" <"$input" >"$WORK/out" 2>&1); then
      sed 's/^/     /' "$WORK/out"
      echo "FAIL $doc: $cmd"
      exit 1
    fi
    sed 's/^/     /' "$WORK/out" | head -n 12
  fi
done <"$WORK/commands"
coder-desktop down >/dev/null 2>&1
echo "ALL-RAN"
WALK

export WORK ROOT URL JAVA_HOME
SKIP_DECL=$(declare -p SKIP UNTIL_INTERRUPTED)
ip netns exec "$NS" unshare --mount --propagation private \
  bash -c "$SKIP_DECL; source '$WORK/walk.sh'" | tee "$WORK/walk.out"
grep -qx "ALL-RAN" "$WORK/walk.out" || exit 1
upstream_dns_unchanged
echo "ok   the namespace's resolv.conf is as it was"
result=PASS
