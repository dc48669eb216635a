# SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
# SPDX-License-Identifier: AGPL-3.0-only
# Functions end-to-end scripts and benchmarks source to report checks. The sourcing script defines
# fail MESSAGE (print what went wrong, the logs that explain it, and exit non-zero).

step() { echo "---- $*"; }
ok() { echo "ok   $*"; }

# wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND five times a second until it succeeds, or
# calls fail with DESCRIPTION.
wait_for() {
  local secs=$1 what=$2
  shift 2
  for _ in $(seq 1 $((secs * 5))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  fail "$what (waited ${secs}s)"
}

# now: the wall clock in seconds with a fraction; since START END: END - START to 0.01 s.
now() { date +%s.%N; }
since() { python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }
