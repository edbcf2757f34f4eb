"use strict";
// newsfacet search page: all state lives in the URL's query string (q,
// filter=F:V repeated, sort, page), so a search can be shared.  Every text
// from the server is put into the page with textContent / createTextNode,
// never as HTML.

const FACETS = ["claim", "stance", "source", "cites", "company", "cloud", "model"];
const PAGE_SIZE = 10;
const STANCE_COLOURS = { asserted: "#2e7d32", hedged: "#ef8f00", denied: "#c62828" };
const SERIES_COLOURS = ["#1565c0", "#ef8f00", "#2e7d32", "#c62828", "#6a1b9a", "#00838f", "#777"];

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  return node;
}

// ---- state <-> URL ----------------------------------------------------------

function readState() {
  const p = new URLSearchParams(location.search);
  const page = parseInt(p.get("page") || "1", 10);
  return {
    q: p.get("q") || "",
    filters: p.getAll("filter"),
    sort: p.get("sort") === "date" ? "date" : "relevance",
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

function stateQuery(s) {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  for (const f of s.filters) p.append("filter", f);
  if (s.sort !== "relevance") p.set("sort", s.sort);
  if (s.page > 1) p.set("page", String(s.page));
  return p;
}

function go(s) {
  const qs = stateQuery(s).toString();
  history.pushState(null, "", qs ? "?" + qs : location.pathname);
  render();
}

// ---- API -------------------------------------------------------------------

async function api(path, params) {
  const r = await fetch(path + "?" + params.toString(), { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ error: "the server sent no JSON" }));
  if (!r.ok) throw new Error(body.error || "HTTP " + r.status);
  return body;
}

// ---- facets -------------------------------------------------------------------

function facetSection(name, values, state) {
  const selected = new Set(state.filters.filter(f => f.startsWith(name + ":")).map(f => f.slice(name.length + 1)));
  const list = el("ul");
  const shown = new Set();
  for (const v of values) {
    shown.add(v.value);
    list.append(facetItem(name, v.value, v.count, selected.has(v.value), state));
  }
  // A selected value the counts no longer list stays visible, to untick it.
  for (const v of selected) if (!shown.has(v)) list.append(facetItem(name, v, 0, true, state));
  return el("section", { class: "facet", "data-facet": name }, el("h2", {}, name), list);
}

function facetItem(name, value, count, checked, state) {
  const box = el("input", { type: "checkbox", "data-facet": name, "data-value": value });
  box.checked = checked;
  box.addEventListener("change", () => {
    const f = name + ":" + value;
    const filters = state.filters.filter(x => x !== f);
    if (box.checked) filters.push(f);
    go({ ...state, filters, page: 1 });
  });
  const label = el("label", {}, box, " ", el("span", { class: "value" }, value), " ",
                   el("span", { class: "count" }, String(count)));
  return el("li", {}, label);
}

// ---- money range ----------------------------------------------------------

function moneyRange(state) {
  const f = state.filters.find(x => x.startsWith("money:"));
  return f ? f.slice(6).split("..") : ["", ""];
}

function setupMoney() {
  document.getElementById("money-form").addEventListener("submit", ev => {
    ev.preventDefault();
    const s = readState();
    const lo = document.getElementById("money-min").value.trim();
    const hi = document.getElementById("money-max").value.trim();
    const filters = s.filters.filter(x => !x.startsWith("money:"));
    if (lo || hi) filters.push("money:" + lo + ".." + hi);
    go({ ...s, filters, page: 1 });
  });
}

// ---- results -----------------------------------------------------------------

function queryWords(q) {
  // Plain words of the query (not operators or field:value) to highlight.
  return q.toLowerCase().split(/[^\p{L}\p{N}]+/u)
    .filter(w => w.length > 1 && !["and", "or", "not", "near"].includes(w))
    .filter(w => !FACETS.includes(w) && !["title", "author", "money", "percent", "published"].includes(w));
}

// TEXT with the query words in <mark>, built as nodes (no HTML parsing).
function highlighted(text, words) {
  const frag = document.createDocumentFragment();
  if (!words.length) { frag.append(text); return frag; }
  const escaped = words.map(w => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const re = new RegExp("(?<![\\p{L}\\p{N}])(" + escaped.join("|") + ")\\p{L}*", "giu");
  let last = 0;
  for (const m of text.matchAll(re)) {
    frag.append(text.slice(last, m.index));
    frag.append(el("mark", {}, m[0]));
    last = m.index + m[0].length;
  }
  frag.append(text.slice(last));
  return frag;
}

function hitItem(h, words) {
  const title = h.url && /^https?:\/\//.test(h.url)
    ? el("a", { href: h.url, rel: "noopener noreferrer" }, h.title || "(no title)")
    : el("span", {}, h.title || "(no title)");
  const meta = el("div", { class: "meta" }, h.source || "unknown source", " · ",
                  (h.published || "").slice(0, 10));
  const badges = el("div", { class: "badges" });
  const seen = new Set();
  for (const c of h.claims || []) {
    const key = c.claim + ":" + c.stance;
    if (seen.has(key)) continue;
    seen.add(key);
    badges.append(el("span", { class: "badge stance-" + (STANCE_COLOURS[c.stance] ? c.stance : "other"),
                               title: c.stance }, c.claim + " · " + c.stance));
  }
  const item = el("li", { class: "hit" }, el("h3", {}, title), meta, badges);
  const ev = (h.claims || [])[0];
  if (ev && ev.sentence) item.append(el("blockquote", { class: "evidence" }, highlighted(ev.sentence, words)));
  return item;
}

function pager(state, pages) {
  const nav = document.getElementById("pager");
  nav.replaceChildren();
  if (pages <= 1) return;
  const add = (label, page, current) => {
    const b = el("button", { type: "button", "data-page": String(page) }, label);
    if (current) b.setAttribute("aria-current", "page");
    b.disabled = current || page < 1 || page > pages;
    b.addEventListener("click", () => { go({ ...state, page }); window.scrollTo(0, 0); });
    nav.append(b);
  };
  add("‹ prev", state.page - 1, false);
  const from = Math.max(1, state.page - 3), to = Math.min(pages, from + 6);
  for (let p = from; p <= to; p++) add(String(p), p, p === state.page);
  add("next ›", state.page + 1, false);
}

// ---- coverage chart ------------------------------------------------------------

// Months of the current query, split by stance (or by source when no claim
// has a stance): one request per series with the series' selection added.
async function chart(state, result) {
  const box = document.getElementById("chart");
  const months = (result.facets.published || []).map(v => v.value).sort();
  if (months.length < 2) { box.replaceChildren(); return; }
  let splitFacet = "stance";
  let series = [...new Set((result.facets.stance || []).map(v => v.value.split(":").pop()))];
  if (!series.length) {
    splitFacet = "source";
    series = (result.facets.source || []).slice(0, 5).map(v => v.value);
  }
  const counts = [];
  for (const s of series) {
    const p = stateQuery({ ...state, page: 1 });
    p.delete("page");
    p.set("facets", "published");
    if (splitFacet === "stance") p.set("q", (state.q ? "(" + state.q + ") " : "") + stanceQuery(result, s));
    else p.append("filter", "source:" + s);
    const r = await api("/api/facets", p);
    counts.push(new Map((r.facets.published || []).map(v => [v.value, v.count])));
  }
  drawChart(box, months, series, counts, splitFacet);
}

function stanceQuery(result, stance) {
  const ids = (result.facets.stance || []).map(v => v.value).filter(v => v.endsWith(":" + stance));
  return "(" + ids.map(id => "stance:" + id).join(" OR ") + ")";
}

function drawChart(box, months, series, counts, splitFacet) {
  const W = 640, H = 160, L = 30, B = 24, T = 8;
  let max = 1;
  for (const m of months) for (const c of counts) max = Math.max(max, c.get(m) || 0);
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "chart" });
  const title = svg("title");
  title.textContent = "Coverage by month, by " + splitFacet;
  s.append(title);
  const x = i => L + (months.length === 1 ? 0 : i * (W - L - 10) / (months.length - 1));
  const y = v => H - B - v * (H - B - T) / max;
  s.append(svg("line", { x1: L, y1: H - B, x2: W - 10, y2: H - B, stroke: "#999" }));
  const yl = svg("text", { x: 2, y: T + 8, "font-size": 10, fill: "#555" });
  yl.textContent = String(max);
  s.append(yl);
  months.forEach((m, i) => {
    if (months.length > 12 && i % Math.ceil(months.length / 12)) return;
    const t = svg("text", { x: x(i), y: H - 6, "font-size": 10, "text-anchor": "middle", fill: "#555" });
    t.textContent = m;
    s.append(t);
  });
  series.forEach((name, k) => {
    const colour = STANCE_COLOURS[name] || SERIES_COLOURS[k % SERIES_COLOURS.length];
    const pts = months.map((m, i) => x(i).toFixed(1) + "," + y(counts[k].get(m) || 0).toFixed(1));
    s.append(svg("polyline", { points: pts.join(" "), fill: "none", stroke: colour, "stroke-width": 2 }));
  });
  const legend = el("div", { class: "legend" }, "Coverage by month, by " + splitFacet + ": ");
  series.forEach((name, k) => {
    const sw = el("span", { class: "swatch" });
    sw.style.background = STANCE_COLOURS[name] || SERIES_COLOURS[k % SERIES_COLOURS.length];
    legend.append(el("span", { class: "series" }, sw, name));
  });
  box.replaceChildren(s, legend);
}

// ---- render --------------------------------------------------------------------

let generation = 0;

async function render() {
  const state = readState();
  const mine = ++generation;
  document.getElementById("q").value = state.q;
  document.getElementById("sort").value = state.sort;
  const [lo, hi] = moneyRange(state);
  document.getElementById("money-min").value = lo || "";
  document.getElementById("money-max").value = hi || "";
  const status = document.getElementById("status");
  status.textContent = "Searching…";
  const p = stateQuery(state);
  p.set("size", String(PAGE_SIZE));
  p.set("facets", FACETS.concat(["published"]).join(","));
  p.set("top", "15");
  let result;
  try {
    result = await api("/api/search", p);
  } catch (e) {
    if (mine !== generation) return;
    status.textContent = "Error: " + e.message;
    status.className = "error";
    document.getElementById("hits").replaceChildren();
    return;
  }
  if (mine !== generation) return;
  status.className = "";
  status.replaceChildren(el("strong", { id: "total" }, String(result.total)),
                         ` matches (exact, ${result.took_ms} ms)` +
                         (result.pages > 1 ? `, page ${result.page} of ${result.pages}` : ""));
  const list = document.getElementById("facet-list");
  list.replaceChildren(...FACETS.map(f => facetSection(f, result.facets[f] || [], state)));
  const words = queryWords(state.q);
  document.getElementById("hits").replaceChildren(...result.hits.map(h => hitItem(h, words)));
  pager(state, result.pages);
  try {
    await chart(state, result);
  } catch (e) {
    document.getElementById("chart").replaceChildren();
  }
  if (mine === generation) document.body.setAttribute("data-ready", String(mine));
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("search-form").addEventListener("submit", ev => {
    ev.preventDefault();
    const s = readState();
    go({ ...s, q: document.getElementById("q").value.trim(), sort: document.getElementById("sort").value, page: 1 });
  });
  setupMoney();
  window.addEventListener("popstate", render);
  render();
});
