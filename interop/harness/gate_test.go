// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only

package harness

import (
	"bufio"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// gate sits in front of coderd's router (coderdtest's APIMiddleware) so that bench/faults.sh can
// take the deployment away and give it back: coderdtest keeps its database in memory and has no
// way to restart coderd with the same state, so a "restart" here is what clients see of one, every
// upgraded connection (tailnet websockets, DERP, the agent's RPC) cut, and every request answered
// 503, as a load balancer in front of a restarting server does, for a while. A relay restart does
// the same for the DERP endpoint (/derp, /derp/latency-check) only. coderd's process and state
// stay as they were.
type gate struct {
	mu          sync.Mutex
	conns       map[net.Conn]string // hijacked connection -> request path
	downUntil   time.Time           // every request refused until then
	derpDownTil time.Time           // DERP requests refused until then
}

func newGate() *gate {
	return &gate{conns: map[net.Conn]string{}}
}

func isDERP(path string) bool {
	return path == "/derp" || strings.HasPrefix(path, "/derp/")
}

func (g *gate) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := time.Now()
		g.mu.Lock()
		refused := now.Before(g.downUntil) || (isDERP(r.URL.Path) && now.Before(g.derpDownTil))
		g.mu.Unlock()
		if refused {
			w.Header().Set("Connection", "close")
			http.Error(w, "restarting", http.StatusServiceUnavailable)
			return
		}
		next.ServeHTTP(&gatedWriter{ResponseWriter: w, gate: g, path: r.URL.Path}, r)
	})
}

// cut closes the upgraded connections the filter selects and refuses their kind of request for
// down; it returns how many it closed.
func (g *gate) cut(down time.Duration, relayOnly bool) int {
	g.mu.Lock()
	until := time.Now().Add(down)
	if relayOnly {
		g.derpDownTil = until
	} else {
		g.downUntil = until
	}
	var victims []net.Conn
	for c, path := range g.conns {
		if !relayOnly || isDERP(path) {
			victims = append(victims, c)
			delete(g.conns, c)
		}
	}
	g.mu.Unlock()
	for _, c := range victims {
		_ = c.Close()
	}
	return len(victims)
}

func (g *gate) forget(c net.Conn) {
	g.mu.Lock()
	delete(g.conns, c)
	g.mu.Unlock()
}

// gatedWriter records the connection when a handler takes it over (websocket, DERP upgrade).
type gatedWriter struct {
	http.ResponseWriter
	gate *gate
	path string
}

func (w *gatedWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *gatedWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	c, rw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, err
	}
	tracked := &trackedConn{Conn: c, gate: w.gate}
	w.gate.mu.Lock()
	w.gate.conns[tracked] = w.path
	w.gate.mu.Unlock()
	return tracked, rw, nil
}

// trackedConn leaves the gate's set when its handler closes it.
type trackedConn struct {
	net.Conn
	gate *gate
	once sync.Once
}

func (c *trackedConn) Close() error {
	c.once.Do(func() { c.gate.forget(c) })
	return c.Conn.Close()
}
