package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/log"
	cdpnetwork "github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/strikegraph/strikegraph/auth"
	"github.com/strikegraph/strikegraph/internal/graphtest"
	"github.com/strikegraph/strikegraph/server"
)

var screenshotTo = flag.String("screenshot", "", "TestExplorer also saves its screenshot here (docs/explorer.png is made so)")

// browser is a tab of headless Chromium, and what went wrong in it: console
// errors, uncaught exceptions, errors in the browser's log, and requests to
// anywhere but the server under test.
type browser struct {
	t        *testing.T
	ctx      context.Context
	mu       sync.Mutex
	problems []string
}

// chromium finds the browser that scripts/ensure-tools --tests installs
// (Debian's chromium). A missing one fails the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Fatal("no Chromium: run scripts/ensure-tools --tests")
	return ""
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	// A bound, so that a hang fails the test instead of stalling it; generous,
	// for a busy machine.
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
	t.Cleanup(cancel)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox, // CI runs as root, where Chromium's sandbox cannot start
		chromedp.WindowSize(1280, 800),
	)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)
	b := &browser{t: t, ctx: ctx}
	err := chromedp.Listen(ctx, func(ev any) {
		var problem string
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				problem = "console." + string(ev.Type) + ": " + strings.Join(args, " ")
			}
		case *runtime.EventExceptionThrown:
			problem = "uncaught: " + ev.ExceptionDetails.Text
			if ex := ev.ExceptionDetails.Exception; ex != nil {
				problem += " " + ex.Description
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				problem = "log: " + ev.Entry.Text + " " + ev.Entry.URL
			}
		case *cdpnetwork.EventRequestWillBeSent:
			if u := ev.Request.URL; !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
				problem = "a request to elsewhere: " + u
			}
		}
		if problem != "" {
			b.mu.Lock()
			b.problems = append(b.problems, problem)
			b.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (b *browser) do(steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatal(err)
	}
}

// eval runs JavaScript in the page, awaiting a promise, and decodes its value.
func eval[T any](b *browser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor waits until the JavaScript expression is true, however long the
// machine takes: only the browser's bound stops it.
func (b *browser) waitFor(expression string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](expression, chromedp.WithPollingTimeout(0))); err != nil {
		b.t.Fatalf("waiting for %s: %v", expression, err)
	}
}

// waitRender waits until the explorer has drawn n times, and fails on an
// error it shows.
func (b *browser) waitRender(n int) {
	b.t.Helper()
	b.waitFor(fmt.Sprintf(`(() => {
		const state = document.getElementById('cy').dataset.state;
		return state === 'error' || state === 'ready' && window.explorer.renders.length >= %d; })()`, n))
	if state := eval[string](b, `document.getElementById('cy').dataset.state`); state == "error" {
		b.t.Fatalf("the explorer failed: %s", eval[string](b, `document.getElementById('status').textContent`))
	}
}

// view is what the explorer's Cytoscape instance holds.
type view struct{ Nodes, Edges []string }

func (b *browser) view() view {
	b.t.Helper()
	v := eval[view](b, `({nodes: explorer.cy.nodes().map((n) => n.id()), edges: explorer.cy.edges().map((e) => e.id())})`)
	sort.Strings(v.Nodes)
	sort.Strings(v.Edges)
	return v
}

// viewOf is what a network from the API should look like in the explorer.
func viewOf(net network) view {
	var v view
	for _, n := range net.Nodes {
		v.Nodes = append(v.Nodes, n.ID)
	}
	for _, e := range net.Edges {
		v.Edges = append(v.Edges, e.ID)
	}
	sort.Strings(v.Nodes)
	sort.Strings(v.Edges)
	return v
}

func (b *browser) checkView(what string, net network) {
	b.t.Helper()
	got, want := b.view(), viewOf(net)
	b.t.Logf("%s: %d nodes and %d edges shown; the API gives %d and %d", what, len(got.Nodes), len(got.Edges), len(want.Nodes), len(want.Edges))
	if !slices.Equal(got.Nodes, want.Nodes) || !slices.Equal(got.Edges, want.Edges) {
		b.t.Fatalf("%s: the explorer shows %d nodes and %d edges, the API gives %d and %d:\nshown %v\nwant  %v",
			what, len(got.Nodes), len(got.Edges), len(want.Nodes), len(want.Edges), got, want)
	}
}

// clickFirst clicks, with the mouse, the first of the elements of ids (nodes
// or edges) that is the element Cytoscape finds at its centre (an edge's
// midpoint), so that nothing else takes the click, and returns its id
// once Cytoscape has selected it.
func (b *browser) clickFirst(ids []string) string {
	b.t.Helper()
	type target struct {
		ID   string
		X, Y float64
	}
	at := eval[*target](b, fmt.Sprintf(`(() => {
		const cy = explorer.cy, box = document.getElementById('cy').getBoundingClientRect();
		for (const id of %s) {
			const el = cy.getElementById(id);
			const r = el.isNode() ? el.renderedPosition() : el.renderedMidpoint();
			const x = Math.round(box.left + r.x), y = Math.round(box.top + r.y);
			// Where edges cross, a pixel decides: the element must be the one
			// found all around the point.
			const alone = [-2, 0, 2].every((dx) => [-2, 0, 2].every((dy) => {
				const hit = cy.renderer().findNearestElement((x + dx - box.left - cy.pan().x) / cy.zoom(), (y + dy - box.top - cy.pan().y) / cy.zoom(), true, false);
				return hit && hit.same(el);
			}));
			// The details card and the status line lie over the graph.
			const top = document.elementFromPoint(x, y);
			if (alone && top && document.getElementById('cy').contains(top)) {
				return { id, x, y };
			}
		}
		return null; })()`, jsList(ids)))
	if at == nil {
		b.t.Fatalf("none of %v can be clicked: others cover them", ids)
	}
	b.do(chromedp.MouseClickXY(at.X, at.Y))
	b.waitFor(fmt.Sprintf(`explorer.cy.getElementById(%q).selected()`, at.ID))
	return at.ID
}

func jsList(ids []string) string {
	var quoted []string
	for _, id := range ids {
		quoted = append(quoted, fmt.Sprintf("%q", id))
	}
	return "[" + strings.Join(quoted, ",") + "]"
}

// TestExplorer opens the explorer in headless Chromium over the seed corpus:
// it searches, shows a neighbourhood, expands a node, reads a claim and a
// path, and checks that what Cytoscape holds is what the API returns. It
// also opens GraphiQL and runs a query, and fails on any error in either
// page, and on any request to anywhere but the server.
func TestExplorer(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	resp, err := httpClient.Get(srv.URL + "/explorer/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /explorer/: %s: build the pages with `make web`", resp.Status)
	}
	b := newBrowser(t, srv.URL)

	id := mostConnected(t, g)
	one := neighbourhood(t, srv.URL, map[string]any{"ids": []string{id}, "depth": 1})
	name := one.Nodes[0].Label

	// Search by another spelling ("us led coalition" for "US-led
	// coalition"), and open the hit.
	spelling := strings.ToLower(strings.ReplaceAll(name, "-", " "))
	b.do(
		chromedp.EmulateViewport(1280, 800),
		chromedp.Navigate(srv.URL+"/"), // the root redirects to the explorer
		chromedp.SendKeys(chromedp.ID("q"), spelling+"\r"),
		chromedp.Click(chromedp.CSS(`#hits .hit[data-id="`+id+`"]`)),
	)
	b.waitRender(1)
	b.checkView("the neighbourhood of "+id, one)

	// Expand, by a click, the neighbour that brings the most claims.
	type grow struct {
		id     string
		net    network
		claims int
	}
	var grows []grow
	for _, n := range one.Nodes[1:] {
		gr := grow{id: n.ID, net: neighbourhood(t, srv.URL, map[string]any{"ids": []string{id, n.ID}, "depth": 1})}
		for _, e := range gr.net.Edges {
			if e.Claim != nil {
				gr.claims++
			}
		}
		grows = append(grows, gr)
	}
	sort.SliceStable(grows, func(i, j int) bool { return grows[i].claims > grows[j].claims })
	var order []string
	for _, gr := range grows {
		order = append(order, gr.id)
	}
	clicked := b.clickFirst(order)
	b.waitRender(2)
	i := slices.IndexFunc(grows, func(gr grow) bool { return gr.id == clicked })
	union := grows[i].net
	if len(union.Nodes) <= len(one.Nodes) {
		t.Errorf("expanding %s adds no node", clicked)
	}
	b.checkView("expanded by "+clicked, union)

	// Click a claim, a denial if one can be reached: its quote and article
	// are shown.
	var claims []string
	for _, stance := range []string{"DENIED", "REPORTED", "RESPONDED"} {
		for _, e := range union.Edges {
			if e.Type == stance {
				claims = append(claims, e.ID)
			}
		}
	}
	edge := b.clickFirst(claims)
	var claim struct {
		Claim struct {
			Quote   string
			Article struct{ Name string }
		}
	}
	mustQuery(t, srv.URL, `query($id: ID!) { claim(id: $id) { quote article { name } } }`, map[string]any{"id": edge}, &claim)
	b.do(chromedp.WaitVisible(chromedp.CSS("#details .source")))
	details := eval[string](b, `document.getElementById('details').textContent`)
	if !strings.Contains(details, claim.Claim.Quote) || !strings.Contains(details, claim.Claim.Article.Name) {
		t.Errorf("clicking %s shows %q; want its quote %q and its article %q", edge, details, claim.Claim.Quote, claim.Claim.Article.Name)
	}
	if sel := eval[[]string](b, `explorer.cy.$('edge:selected').map((e) => e.id())`); !slices.Equal(sel, []string{edge}) {
		t.Errorf("selected %v, want %s", sel, edge)
	}

	// Each export link downloads the neighbourhood shown.
	links := eval[[]string](b, `[...document.querySelectorAll('#export a')].map((a) => a.href)`)
	if len(links) != 4 {
		t.Errorf("export links %v, want 4", links)
	}
	for _, link := range links {
		u, err := url.Parse(link)
		if err != nil {
			t.Fatal(err)
		}
		if q := u.Query(); q.Get("ids") != id+","+clicked || q.Get("depth") != "1" {
			t.Errorf("export link %s is not of the view", link)
		}
		resp, err := httpClient.Get(link)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || resp.Header.Get("X-Strikegraph-Total-Nodes") != fmt.Sprint(len(union.Nodes)) ||
			resp.Header.Get("X-Strikegraph-Total-Edges") != fmt.Sprint(len(union.Edges)) {
			t.Errorf("%s: %s, %s nodes and %s edges; want %d and %d", link, resp.Status, resp.Header.Get("X-Strikegraph-Total-Nodes"),
				resp.Header.Get("X-Strikegraph-Total-Edges"), len(union.Nodes), len(union.Edges))
		}
	}
	pngURL := eval[string](b, `explorer.cy.png({ full: true })`)
	exported := decodePNG(t, pngURL)
	if exported.Bounds().Dx() < 100 {
		t.Errorf("cy.png() is %v", exported.Bounds())
	}

	shot, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	checkNotBlank(t, shot)
	saveScreenshot(t, shot)

	// The shortest paths to the entity furthest from it.
	far := neighbourhood(t, srv.URL, map[string]any{"ids": []string{id}, "depth": 3})
	to := far.Nodes[len(far.Nodes)-1].ID
	var path struct{ PathNetwork network }
	mustQuery(t, srv.URL, `query($from: ID!, $to: ID!) { pathNetwork(from: $from, to: $to, all: true) { `+networkFields+` } }`,
		map[string]any{"from": id, "to": to}, &path)
	eval[bool](b, fmt.Sprintf(`(async () => { explorer.state.path = {from: %q, to: %q}; await explorer.show(); return true; })()`, id, to))
	b.waitRender(3)
	b.checkView("the shortest paths to "+to, path.PathNetwork)

	// How long the neighbourhood takes to show, from the request to the end
	// of the layout, drawn afresh each time. Reported, not checked.
	two := neighbourhood(t, srv.URL, map[string]any{"ids": []string{id}, "depth": 2})
	for _, depth := range []int{1, 2} {
		var ms []float64
		for range 5 {
			ms = append(ms, eval[float64](b, fmt.Sprintf(`(async () => {
				explorer.cy.elements().remove();
				Object.assign(explorer.state, { ids: [%q], depth: %d, path: null });
				await explorer.show();
				return explorer.renders.at(-1).ms; })()`, id, depth)))
		}
		b.checkView(fmt.Sprintf("depth %d", depth), map[int]network{1: one, 2: two}[depth])
		slices.Sort(ms)
		t.Logf("the neighbourhood of %s at depth %d shown in %.0f ms (median of %d: %v)", id, depth, ms[len(ms)/2], len(ms), ms)
	}

	// A time window goes to the API; a type box hides what is shown.
	n := eval[int](b, `explorer.renders.length`)
	b.do(chromedp.SendKeys(chromedp.ID("from"), "2018-11\t"))
	b.waitRender(n + 1)
	window := neighbourhood(t, srv.URL, map[string]any{"ids": []string{id}, "depth": 2, "from": "2018-11"})
	b.checkView("depth 2 from November 2018", window)
	if len(window.Nodes) >= len(two.Nodes) {
		t.Errorf("from November 2018: %d nodes of %d", len(window.Nodes), len(two.Nodes))
	}
	incidents := map[string]bool{}
	wantNodes, wantEdges := 0, 0
	for _, n := range window.Nodes {
		incidents[n.ID] = n.Type == "Incident"
		if !incidents[n.ID] {
			wantNodes++
		}
	}
	for _, e := range window.Edges {
		if !incidents[e.From] && !incidents[e.To] {
			wantEdges++
		}
	}
	b.do(chromedp.Click(chromedp.CSS(`#node-types input[data-type="Incident"]`)))
	// The box's change handler runs in the task that unticks it.
	b.waitFor(`!document.querySelector('#node-types input[data-type="Incident"]').checked`)
	// Cytoscape knows what it hides once it has drawn a frame.
	if got := eval[[]int](b, `new Promise(requestAnimationFrame).then(() =>
		[explorer.cy.nodes().filter((n) => n.visible()).length, explorer.cy.edges().filter((e) => e.visible()).length])`); got[0] != wantNodes || got[1] != wantEdges {
		t.Errorf("with incidents hidden: %v nodes and edges visible, want %d and %d", got, wantNodes, wantEdges)
	}

	// A view kept in the address opens again; and the page's weight.
	if _, err := chromedp.Call(b.ctx, cdpnetwork.SetCacheDisabled, cdpnetwork.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.Navigate("about:blank"), chromedp.Navigate(srv.URL+"/explorer/#ids="+url.QueryEscape(id)+"&depth=2"))
	b.waitRender(1)
	b.checkView("the address's view", two)
	b.pageWeight("the explorer")

	// GraphiQL: its editor, and a query run through it.
	b.do(
		chromedp.Navigate(srv.URL+"/graphiql"),
		chromedp.WaitVisible(chromedp.CSS(".graphiql-query-editor .CodeMirror")),
		chromedp.Click(chromedp.CSS(".graphiql-execute-button")),
	)
	b.waitFor(`document.querySelector('.result-window')?.textContent.includes('"place:hajin"')`)
	b.pageWeight("GraphiQL")

	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Errorf("in the page: %s", p)
	}
}

// TestExplorerCredentials opens the explorer where reading needs
// credentials: with an API key entered, it shows a neighbourhood, and an
// export link downloads it with the key.
func TestExplorerCredentials(t *testing.T) {
	g := graphtest.Seeded(t)
	key, line, err := auth.NewAPIKey("rita", auth.RoleReader)
	if err != nil {
		t.Fatal(err)
	}
	a, err := auth.New(auth.Config{APIKeys: line, ReadAccess: auth.ReadReader, Logger: graphtest.Logger(t)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{Auth: a}))
	defer srv.Close()
	open := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer open.Close()
	b := newBrowser(t, srv.URL)

	id := mostConnected(t, g)
	want := neighbourhood(t, open.URL, map[string]any{"ids": []string{id}, "depth": 1})
	b.do(
		chromedp.EmulateViewport(1280, 800),
		chromedp.Navigate(srv.URL+"/explorer/"),
		chromedp.Click(chromedp.CSS("#credentials summary")),
		chromedp.SendKeys(chromedp.ID("key"), key+"\t"),
		chromedp.SendKeys(chromedp.ID("q"), want.Nodes[0].Label+"\r"),
		chromedp.Click(chromedp.CSS(`#hits .hit[data-id="`+id+`"]`)),
	)
	b.waitRender(1)
	b.checkView("the neighbourhood of "+id+" with a key", want)

	dir := t.TempDir()
	events := true
	if _, err := chromedp.CallBrowser(b.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, EventsEnabled: &events}); err != nil {
		t.Fatal(err)
	}
	progress := chromedp.BrowserEvents(b.ctx, cdpbrowser.DownloadProgress)
	b.do(chromedp.Click(chromedp.CSS(`#export a[data-format="graphml"]`)))
	for ev, err := range progress {
		if err != nil {
			t.Fatal(err)
		}
		if ev.State == cdpbrowser.DownloadProgressStateCanceled {
			t.Fatal("the export's download was cancelled")
		}
		if ev.State == cdpbrowser.DownloadProgressStateCompleted {
			break
		}
	}
	body, err := os.ReadFile(filepath.Join(dir, "strikegraph-neighbourhood.graphml"))
	if err != nil {
		t.Fatal(err)
	}
	if r := consume(t, "graphml", body); r.Nodes != len(want.Nodes) || r.Edges != len(want.Edges) {
		t.Errorf("the GraphML downloaded holds %d nodes and %d edges; the API gives %d and %d", r.Nodes, r.Edges, len(want.Nodes), len(want.Edges))
	}

	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Errorf("in the page: %s", p)
	}
}

// pageWeight logs the bytes of the page loaded and of its assets, as sent
// and as read (GraphQL requests aside), and fails unless they are its HTML,
// script and style, each gzip-compressed.
func (b *browser) pageWeight(page string) {
	b.t.Helper()
	type entry struct {
		Name                  string
		EncodedBodySize, Size int
	}
	entries := eval[[]entry](b, `performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
		.filter((e) => !e.name.endsWith('/graphql'))
		.map((e) => ({ name: e.name, encodedBodySize: e.encodedBodySize, size: e.decodedBodySize }))`)
	var sent, read int
	for _, e := range entries {
		sent += e.EncodedBodySize
		read += e.Size
		if e.EncodedBodySize >= e.Size {
			b.t.Errorf("%s: %s is not compressed: %d bytes sent, %d read", page, e.Name, e.EncodedBodySize, e.Size)
		}
	}
	b.t.Logf("%s's page weight: %d files, %d bytes, %d gzip-compressed", page, len(entries), read, sent)
	if len(entries) != 3 {
		b.t.Errorf("%s loads %+v; want its page, script and style", page, entries)
	}
}

func decodePNG(t *testing.T, dataURL string) image.Image {
	t.Helper()
	const prefix = "data:image/png;base64,"
	if !strings.HasPrefix(dataURL, prefix) {
		t.Fatalf("not a PNG: %.40s", dataURL)
	}
	img, err := png.Decode(base64Reader(dataURL[len(prefix):]))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// checkNotBlank fails on a screenshot of few colours: a page that did not draw.
func checkNotBlank(t *testing.T, shot []byte) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	colours := map[[3]uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}]++
		}
	}
	// The node colours of the legend alone are eight.
	if len(colours) < 50 {
		t.Errorf("the screenshot (%v) has %d colours: blank?", b, len(colours))
	}
}

// saveScreenshot keeps the screenshot in the test's artefacts (go test
// -artifacts keeps them), and where -screenshot says.
func saveScreenshot(t *testing.T, shot []byte) {
	t.Helper()
	for _, file := range []string{filepath.Join(t.ArtifactDir(), "explorer.png"), *screenshotTo} {
		if file == "" {
			continue
		}
		if err := os.WriteFile(file, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s (%d bytes)", file, len(shot))
	}
}

func base64Reader(s string) io.Reader {
	return base64.NewDecoder(base64.StdEncoding, strings.NewReader(s))
}

// TestExplorerLive opens the explorer on an incident of the seed and
// changes the graph through the API: a change elsewhere leaves the view
// alone; a claim recorded about the incident, and a new name for it,
// appear in the view without a reload, with the "updated" indicator.
func TestExplorerLive(t *testing.T) {
	g := graphtest.Seeded(t)
	key, a := oneKey(t, "eddie", auth.RoleEditor)
	sockets := &dropper{Handler: server.Handler(g, graphtest.Logger(t), server.Options{Auth: a, FeedEvery: 100 * time.Millisecond})}
	srv := httptest.NewServer(sockets)
	defer srv.Close()
	b := newBrowser(t, srv.URL)

	const incident = "incident:2018-11-17-abu-al-hassan"
	vars := map[string]any{"ids": []string{incident}, "depth": 1}
	b.do(chromedp.EmulateViewport(1280, 800), chromedp.Navigate(srv.URL+"/explorer/#ids="+url.QueryEscape(incident)+"&depth=1"))
	b.waitRender(1)
	b.checkView("the neighbourhood of "+incident, neighbourhood(t, srv.URL, vars))
	// A reload would lose this.
	eval[bool](b, `window.notReloaded = true`)
	// The subscriptions hear only what comes after them.
	b.waitFor(`document.getElementById('cy').dataset.live === 'connected'`)
	time.Sleep(time.Second)

	mutate := func(q string, vars map[string]any) {
		t.Helper()
		if errs := queryAs(t, srv.URL, key, q, vars, nil); len(errs) > 0 {
			t.Fatalf("errors: %+v", errs)
		}
	}
	// within waits up to a minute for the expression, and fails after it.
	within := func(what, expression string) {
		t.Helper()
		start := time.Now()
		if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](expression, chromedp.WithPollingTimeout(time.Minute))); err != nil {
			t.Fatalf("%s: not shown within a minute: %v", what, err)
		}
		t.Logf("%s: shown %v after the write", what, time.Since(start).Round(time.Millisecond))
	}

	mutate(`mutation { createPlace(input: {name: "Al-Marashidah", kind: VILLAGE}) { place { id } } }`, nil)
	time.Sleep(2 * time.Second) // the feed asks every 100 ms; the view waits 300 ms for more
	if n := eval[int](b, `explorer.renders.length`); n != 1 {
		t.Errorf("a place created elsewhere drew the view again: %d renders", n)
	}

	claim := recordAbuAlHassan(t, srv.URL, key, "outlet:sana", "saying 40 were killed in the remote area of Buqaan")
	within("the claim recorded", fmt.Sprintf(`explorer.cy.getElementById(%q).nonempty()`, claim))
	b.waitRender(2)
	after := neighbourhood(t, srv.URL, vars)
	if !slices.ContainsFunc(after.Edges, func(e edge) bool { return e.ID == claim }) {
		t.Fatalf("the API's neighbourhood lacks the claim %s", claim)
	}
	b.checkView("after the claim", after)
	if !eval[bool](b, `window.notReloaded === true && !document.getElementById('updated').hidden`) {
		t.Error("the view was reloaded, or does not say it was updated")
	}

	const name = "Airstrikes on Abu al-Hassan, Hajin"
	mutate(`mutation($id: ID!, $name: String!) { updateIncident(id: $id, input: {name: $name}) { outcome } }`,
		map[string]any{"id": incident, "name": name})
	within("the incident renamed", fmt.Sprintf(`explorer.cy.getElementById(%q).data('label') === %q`, incident, name))

	// The connection lost, the explorer connects again by itself, and
	// shows what was recorded meanwhile.
	sockets.drop()
	b.waitFor(`document.getElementById('cy').dataset.live === 'closed'`)
	claim = recordAbuAlHassan(t, srv.URL, key, "monitor:sohr", "the airstrikes killed at least 43 people")
	within("a claim recorded while the connection was lost", fmt.Sprintf(`explorer.cy.getElementById(%q).nonempty()`, claim))
	if live := eval[string](b, `document.getElementById('cy').dataset.live`); live != "connected" {
		t.Errorf("after the loss, the connection is %q", live)
	}

	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Errorf("in the page: %s", p)
	}
}

// TestExplorerLiveWithKey opens the explorer where reading needs
// credentials, with a key entered: the view follows the claims recorded,
// the key going in the live connection's connection_init. Another key
// entered opens a new connection with it, which follows too; a wrong one is
// refused (4403).
func TestExplorerLiveWithKey(t *testing.T) {
	g := graphtest.Seeded(t)
	a, reader, editor := readerOnly(t, io.Discard)
	sockets := &dropper{Handler: server.Handler(g, graphtest.Logger(t), server.Options{Auth: a, FeedEvery: 100 * time.Millisecond})}
	srv := httptest.NewServer(sockets)
	defer srv.Close()
	open := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer open.Close()
	b := newBrowser(t, srv.URL)

	const incident = "incident:2018-11-17-abu-al-hassan"
	vars := map[string]any{"ids": []string{incident}, "depth": 1}
	b.do(
		chromedp.EmulateViewport(1280, 800),
		chromedp.Navigate(srv.URL+"/explorer/"),
		chromedp.Click(chromedp.CSS("#credentials summary")),
		chromedp.SendKeys(chromedp.ID("key"), reader+"\t"),
		chromedp.SendKeys(chromedp.ID("q"), abuAlHassan+"\r"),
		chromedp.Click(chromedp.CSS(`#hits .hit[data-id="`+incident+`"]`)),
	)
	b.waitRender(1)
	b.checkView("the neighbourhood of "+incident+" with a key", neighbourhood(t, open.URL, vars))
	b.waitFor(`document.getElementById('cy').dataset.live === 'connected'`)
	time.Sleep(time.Second) // the subscriptions hear only what comes after them

	// follows waits up to a minute for the claim recorded to be shown.
	follows := func(what, speaker, quote string) {
		t.Helper()
		claim := recordAbuAlHassan(t, srv.URL, editor, speaker, quote)
		start := time.Now()
		expr := fmt.Sprintf(`explorer.cy.getElementById(%q).nonempty()`, claim)
		if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(time.Minute))); err != nil {
			t.Fatalf("%s: the claim recorded is not shown within a minute: %v", what, err)
		}
		t.Logf("%s: the claim was shown %v after it was recorded", what, time.Since(start).Round(time.Millisecond))
	}
	follows("with the reader's key", "outlet:sana", "saying 40 were killed in the remote area of Buqaan")
	if !eval[bool](b, `!document.getElementById('updated').hidden`) {
		t.Error("the view does not say it was updated")
	}
	b.waitRender(2)
	b.checkView("after the claim", neighbourhood(t, open.URL, vars))

	before := sockets.opened()
	eval[string](b, `document.getElementById('key').value = ''`)
	b.do(chromedp.SendKeys(chromedp.ID("key"), editor+"\t"))
	b.waitRender(3)
	b.waitFor(`document.getElementById('cy').dataset.live === 'connected'`)
	if n := sockets.opened(); n != before+1 {
		t.Errorf("another key: %d connections opened, want 1", n-before)
	}
	time.Sleep(time.Second)
	follows("with the editor's key", "monitor:sohr", "the airstrikes killed at least 43 people")

	b.mu.Lock()
	for _, p := range b.problems {
		t.Errorf("in the page: %s", p)
	}
	b.mu.Unlock()

	// Its reads refused too, the page logs errors now, unchecked.
	eval[string](b, `document.getElementById('key').value = ''`)
	b.do(chromedp.SendKeys(chromedp.ID("key"), "sg_not-a-key\t"))
	b.waitFor(`document.getElementById('cy').dataset.live === 'refused'`)
}

// dropper serves Handler and can drop the WebSockets it upgraded, as a
// restart or a proxy would.
type dropper struct {
	http.Handler
	mu       sync.Mutex
	conns    []net.Conn
	upgrades int
}

func (d *dropper) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Upgrade") == "websocket" {
		w = hijacks{w, d}
	}
	d.Handler.ServeHTTP(w, r)
}

// opened is how many WebSockets it upgraded.
func (d *dropper) opened() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.upgrades
}

func (d *dropper) drop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, c := range d.conns {
		c.Close()
	}
	d.conns = nil
}

// hijacks keeps the connection each upgrade takes over.
type hijacks struct {
	http.ResponseWriter
	d *dropper
}

func (h hijacks) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(h.ResponseWriter).Hijack()
	if err == nil {
		h.d.mu.Lock()
		h.d.conns = append(h.d.conns, conn)
		h.d.upgrades++
		h.d.mu.Unlock()
	}
	return conn, rw, err
}

// TestExplorerIncidentCard clicks two of the seed's incidents: Abu
// al-Hassan, contested and disputed, whose monitor (SOHR) counts deaths
// without saying they are civilians; and Al-Bab, contested, with a civilian
// toll, and not disputed. Each card shows, from one request, the tolls by
// whose figures count, what the denials deny and the dispute, as the API
// gives them. Searching contested or disputed incidents lists what the
// API's filters select, in their order.
func TestExplorerIncidentCard(t *testing.T) {
	g := graphtest.Seeded(t)
	srv := httptest.NewServer(server.Handler(g, graphtest.Logger(t), server.Options{}))
	defer srv.Close()
	b := newBrowser(t, srv.URL)
	b.do(chromedp.EmulateViewport(1280, 800))

	var civilians, disputed, undisputed bool
	for _, incident := range []string{"incident:2018-11-17-abu-al-hassan", "incident:003-al-bab-is-prison"} {
		want, in := incidentCard(t, srv.URL, incident)
		civilians = civilians || in.AllCivilians.Lowest != nil
		disputed = disputed || in.Disputed != nil
		undisputed = undisputed || in.Disputed == nil
		b.do(chromedp.Navigate("about:blank"), chromedp.Navigate(srv.URL+"/explorer/#ids="+url.QueryEscape(incident)+"&depth=1"))
		b.waitRender(1)
		requests := `performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/graphql')).length`
		before := eval[int](b, requests)
		b.clickFirst([]string{incident})
		b.waitFor(`document.querySelector('#details .card')?.dataset.state === 'ready'`)
		got := eval[[][]string](b, `[...document.querySelectorAll('#details .card tr[data-row]')]
			.map((tr) => [tr.dataset.row, ...[...tr.cells].slice(1).map((td) => td.textContent)])`)
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s: the card shows\n%q\nthe API gives\n%q", incident, got, want)
		}
		// The node was open already: the click asks for the card only.
		if n := eval[int](b, requests) - before; n != 1 {
			t.Errorf("%s: the card took %d requests, want 1", incident, n)
		}
		t.Logf("%s's card: %q", incident, got)
	}
	// What makes these the incidents to show.
	if !civilians || !disputed || !undisputed {
		t.Errorf("the cards show no civilian toll (%v), no dispute (%v) or no undisputed incident (%v)", civilians, disputed, undisputed)
	}

	// The search narrowed to contested, then disputed incidents: every one,
	// then those with a text.
	hits := func(only, text string) []string {
		t.Helper()
		eval[bool](b, fmt.Sprintf(`(() => {
			document.getElementById('hits').replaceChildren();
			document.getElementById('q').value = %q;
			const only = document.getElementById('only');
			only.value = %q;
			only.dispatchEvent(new Event('change'));
			return true; })()`, text, only))
		b.waitFor(`document.querySelector('#hits li') !== null`)
		return eval[[]string](b, `[...document.querySelectorAll('#hits .hit')].map((b) => b.dataset.id)`)
	}
	for _, c := range []struct {
		only, text, where, sort string
	}{
		{"contested", "", `{contested: true}`, `[]`},
		{"contested", "Hajin", `{AND: [{contested: true}, {text: "Hajin"}]}`, `[]`},
		{"disputed", "", `{disputed_GTE: 0}`, `[{disputed: DESC}]`},
		{"grade:CONTESTED", "", `{suggestedGrade_IN: [CONTESTED]}`, `[]`},
		{"grade:WEAK", "", `{suggestedGrade_IN: [WEAK]}`, `[]`},
	} {
		var out struct{ Incidents []struct{ ID string } }
		mustQuery(t, srv.URL, `{ incidents(where: `+c.where+`, sort: `+c.sort+`, limit: 20) { id } }`, nil, &out)
		var want []string
		for _, in := range out.Incidents {
			want = append(want, in.ID)
		}
		if len(want) == 0 {
			t.Fatalf("no incident is %s %q: nothing to list", c.only, c.text)
		}
		if got := hits(c.only, c.text); !slices.Equal(got, want) {
			t.Errorf("the search for %s incidents with %q lists %v; the API gives %v", c.only, c.text, got, want)
		}
	}

	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Errorf("in the page: %s", p)
	}
}

// cardIncident is what an incident's card shows, read from the API.
type cardIncident struct {
	AllCivilians, AllKilled, MonitorsCivilians, MonitorsKilled, NonPartiesCivilians, NonPartiesKilled cardToll
	ContestedOn                                                                                       []string
	Disputed                                                                                          *struct {
		Belligerent, Monitors cardSide
		Ratio                 float64
		Gap                   int
	}
	SuggestedGrade struct {
		Grade   string
		Reasons []string
	}
}

type cardSide struct{ Lowest, Highest int }

// incidentCard asks the API what the card of the incident id shows, and
// gives its rows as the explorer should write them.
func incidentCard(t *testing.T, url, id string) ([][]string, cardIncident) {
	t.Helper()
	const tollFields = `{ lowest highest reports reporters independentSources }`
	q := `query($id: ID!) { incident(id: $id) { contestedOn disputed { belligerent { lowest highest } monitors { lowest highest } ratio gap }
		suggestedGrade { grade reasons }`
	for _, s := range []struct{ alias, sources string }{{"all", "ALL"}, {"monitors", "MONITORS"}, {"nonParties", "NON_PARTIES"}} {
		q += fmt.Sprintf(" %[1]sCivilians: civilianToll(sources: %[2]s) %[3]s %[1]sKilled: toll(sources: %[2]s) %[3]s", s.alias, s.sources, tollFields)
	}
	var out struct{ Incident cardIncident }
	mustQuery(t, url, q+" } }", map[string]any{"id": id}, &out)
	in := out.Incident
	denies := "not contested"
	if len(in.ContestedOn) > 0 {
		denies = strings.ToLower(strings.ReplaceAll(strings.Join(in.ContestedOn, ", "), "_", " "))
	}
	rows := [][]string{
		{"all", in.AllCivilians.String(), in.AllKilled.String()},
		{"monitors", in.MonitorsCivilians.String(), in.MonitorsKilled.String()},
		{"nonParties", in.NonPartiesCivilians.String(), in.NonPartiesKilled.String()},
		{"contestedOn", denies},
	}
	if d := in.Disputed; d != nil {
		span := func(s cardSide) string { return cardSpan(&s.Lowest, &s.Highest) }
		rows = append(rows, []string{"disputed", fmt.Sprintf("belligerent %s, monitors %s: ratio %s, gap %d",
			span(d.Belligerent), span(d.Monitors), cardRatio(d.Ratio), d.Gap)})
	}
	g := in.SuggestedGrade
	rows = append(rows, []string{"grade", strings.ToLower(g.Grade) + ": " + strings.Join(g.Reasons, "; ")})
	return rows, in
}

// cardToll is a TollRange as an incident's card shows it.
type cardToll struct {
	Lowest, Highest                        *int
	Reports, Reporters, IndependentSources int
}

func (c cardToll) String() string {
	if c.Lowest == nil {
		return "none reported"
	}
	plural := func(n int, noun string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, noun)
		}
		return fmt.Sprintf("%d %ss", n, noun)
	}
	return fmt.Sprintf("%s %s, %s (%d independent)", cardSpan(c.Lowest, c.Highest),
		plural(c.Reports, "report"), plural(c.Reporters, "source"), c.IndependentSources)
}

func cardSpan(lowest, highest *int) string {
	if *lowest == *highest {
		return fmt.Sprint(*lowest)
	}
	return fmt.Sprintf("%d–%d", *lowest, *highest)
}

// cardRatio is a ratio to two decimals, as JavaScript's String writes it.
func cardRatio(x float64) string {
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}
