// The harness builds against one Coder release at a time: run.sh passes
// -modfile=versions/<release>/go.mod (with that release's go.sum beside it). This file only marks
// the module root; the Go tool does not read it when -modfile is given.
module github.com/coder-desktop-java/interop

go 1.22
