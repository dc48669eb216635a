# SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
# SPDX-License-Identifier: AGPL-3.0-only
# Functions interop/run.sh (and bench/connect-latency.sh) source to build and start the real-Coder
# harness for one Coder release. Each release lives in versions/<release>/: its go.mod (with every
# replace line of that release's own go.mod), go.sum and harness.env (build tags, whether it needs
# PostgreSQL). Expects INTEROP (this directory) to be set; CODER_VERSION picks the release.

CODER_VERSION=${CODER_VERSION:-v2.24.1}
export PATH="$PATH:/usr/local/go/bin" GOTOOLCHAIN=local GOSUMDB=off GOFLAGS=-mod=mod

# Reads versions/$CODER_VERSION/harness.env into HARNESS_TAGS and HARNESS_POSTGRES; fails for a
# release we have no go.mod for.
harness_release() {
  local dir="$INTEROP/versions/$CODER_VERSION"
  if [[ ! -f $dir/go.mod || ! -f $dir/harness.env ]]; then
    echo "no harness for Coder $CODER_VERSION; known: $(ls "$INTEROP/versions" | tr '\n' ' ')" >&2
    return 1
  fi
  HARNESS_TAGS=""
  HARNESS_POSTGRES=""
  # shellcheck source=/dev/null
  source "$dir/harness.env"
  HARNESS_BIN="$INTEROP/bin/harness-$CODER_VERSION"
}

# Builds bin/harness-<release> unless it is newer than the harness source and the release's
# go.mod/go.sum. The binary is stamped with the release so the server reports it, as a release
# build would. Go's module and build caches (~/go/pkg/mod, ~/.cache/go-build) are shared by all
# releases and kept.
harness_build() {
  harness_release || return 1
  local dir="$INTEROP/versions/$CODER_VERSION"
  if [[ -x $HARNESS_BIN && -z $(find "$INTEROP/harness" "$dir" -newer "$HARNESS_BIN" -type f) ]]; then
    return 0
  fi
  mkdir -p "$INTEROP/bin"
  (cd "$INTEROP" && go test -c -vet=off -o "$HARNESS_BIN.tmp" -modfile="versions/$CODER_VERSION/go.mod" \
    -tags "$HARNESS_TAGS" \
    -ldflags "-X github.com/coder/coder/v2/buildinfo.tag=${CODER_VERSION#v}" ./harness) || return 1
  mv "$HARNESS_BIN.tmp" "$HARNESS_BIN"
}

# Builds the real Coder CLI of the release into bin/coder-<release> (CODER_CLI_BIN) from the Go
# module proxy: github.com/coder/coder/v2/enterprise/cmd/coder with a copy of the release's go.mod
# and go.sum (the build may extend the copy; the tracked files stay as they are). Incremental.
coder_cli_build() {
  harness_release || return 1
  CODER_CLI_BIN="$INTEROP/bin/coder-$CODER_VERSION"
  mkdir -p "$INTEROP/bin"
  (
    cd "$INTEROP" || exit 1
    local mod="bin/coder-cli-$CODER_VERSION.mod"
    [[ $mod -nt versions/$CODER_VERSION/go.mod ]] \
      || { cp "versions/$CODER_VERSION/go.mod" "$mod" && cp "versions/$CODER_VERSION/go.sum" "${mod%.mod}.sum"; }
    go build -modfile="$mod" -tags "$HARNESS_TAGS" -o "$CODER_CLI_BIN" \
      -ldflags "-X github.com/coder/coder/v2/buildinfo.tag=${CODER_VERSION#v}" \
      github.com/coder/coder/v2/enterprise/cmd/coder
  )
}

# Starts $HARNESS_BIN in namespace $NS with CODER_DESKTOP_HARNESS=1, the given VAR=VALUE words and
# $HARNESS_FLAGS (as another user when HARNESS_AS holds a command prefix such as setpriv's), as
# HARNESS_PID; its stdin is a fifo open on descriptor 7 (`echo quit >&7` ends
# it). Waits SECS for the line that reports the deployment (wait_for, scripts/lib.sh) and keeps it
# for harness_field.
harness_start() { # seconds, VAR=VALUE...
  local secs=$1
  shift
  mkfifo "$WORK/stdin"
  # Its temporary directories (the Go test's TempDir: the deployment's files) inside $WORK, which
  # the caller removes: the harness is stopped by a signal, so Go's own clean-up never runs, and
  # they would pile up in /tmp. Writable by whichever user HARNESS_AS names.
  mkdir -p "$WORK/harness-tmp"
  chmod 1777 "$WORK/harness-tmp"
  # shellcheck disable=SC2086 # HARNESS_AS and HARNESS_FLAGS are lists of words
  ip netns exec "$NS" ${HARNESS_AS:-} env CODER_DESKTOP_HARNESS=1 TMPDIR="$WORK/harness-tmp" "$@" \
    "$HARNESS_BIN" -test.run TestHarness \
    -test.timeout 0 ${HARNESS_FLAGS:-} <"$WORK/stdin" >"$WORK/harness.out" 2>"$WORK/harness.err" &
  HARNESS_PID=$!
  exec 7>"$WORK/stdin"
  wait_for "$secs" "the harness reports its deployment" grep -q '"url"' "$WORK/harness.out"
  HARNESS_READY=$(grep -m1 '"url"' "$WORK/harness.out")
}

# One field of the deployment harness_start read.
harness_field() {
  python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$HARNESS_READY" "$1"
}
