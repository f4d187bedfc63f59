// The ionet explorer: plain JavaScript over the indexer's API (/api/v1), charts as SVG.
// No build step: this file is served as is by `ionet indexer run`.
"use strict";

const IO = 1e8; // base units per IO
const DE_TARGET = 0.6;
const view = document.getElementById("view");

async function api(path) {
  const resp = await fetch("/api/v1" + path);
  const body = await resp.json();
  if (!resp.ok) throw new Error(body.detail || resp.statusText);
  return body;
}

function esc(v) {
  return String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
function io(units, digits = 2) {
  return (Number(units) / IO).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) + " IO";
}
function pct(bps) { return bps == null ? "–" : (bps / 100).toFixed(2) + " %"; }
function int(n) { return Number(n).toLocaleString("en-US"); }
function ratio(x) { return x == null ? "–" : x >= 0.01 || x === 0 ? x.toFixed(3) : x.toPrecision(2); }
function when(t) { return t ? new Date(t * 1000).toISOString().replace(".000Z", "Z") : "–"; }
function short(a) { return a ? a.slice(0, 6) + "…" + a.slice(-4) : "–"; }
function link(kind, a) { return `<a class="mono" href="#/${kind}/${esc(a)}" title="${esc(a)}">${esc(short(a))}</a>`; }
function pill(text) { return `<span class="pill ${esc(text)}">${esc(text)}</span>`; }
function fin(row) { return row.final ? "" : ` <span class="pill pending" title="not finalized yet">${esc(row.commitment)}</span>`; }
function card(label, value, id, cls = "") {
  return `<div class="card"><div class="label">${esc(label)}</div><div class="value ${cls}" data-testid="${id}">${value}</div></div>`;
}
function table(cols, rows, id) {
  if (!rows.length) return `<p class="muted" data-testid="${id}-empty">None.</p>`;
  const head = cols.map((c) => `<th class="${c.num ? "num" : ""}">${esc(c.label)}</th>`).join("");
  const body = rows.map((r) => "<tr>" + cols.map((c) => `<td class="${c.num ? "num" : ""}">${c.cell(r)}</td>`).join("") + "</tr>").join("");
  return `<table data-testid="${id}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

// --- charts (SVG)

function bars(data, id, color = "var(--accent)") {
  const entries = Object.entries(data).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return `<p class="muted">No data.</p>`;
  const w = 520, row = 24, h = entries.length * row + 8, left = 90;
  const max = Math.max(...entries.map((e) => e[1]), 1);
  const items = entries.map(([k, v], i) => {
    const bw = Math.max(2, ((w - left - 50) * v) / max), y = i * row + 4;
    return `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${esc(k)}</text>` +
      `<rect x="${left}" y="${y}" width="${bw}" height="${row - 8}" rx="3" fill="${color}"><title>${esc(k)}: ${v}</title></rect>` +
      `<text x="${left + bw + 6}" y="${y + 15}" data-key="${esc(k)}">${int(v)}</text>`;
  }).join("");
  return `<svg data-testid="${id}" viewBox="0 0 ${w} ${h}" width="100%" role="img">${items}</svg>`;
}

function mintedBurned(epochs) {
  if (!epochs.length) return `<p class="muted">No epochs yet.</p>`;
  const w = 560, h = 200, pad = 34, n = epochs.length;
  const max = Math.max(...epochs.map((e) => Math.max(e.minted, e.burned)), 1);
  const bw = (w - pad * 2) / n;
  const y = (v) => h - pad - ((h - pad * 2) * v) / max;
  const rects = epochs.map((e, i) => {
    const x = pad + i * bw;
    return `<rect x="${x}" y="${y(e.minted)}" width="${Math.max(1, bw / 2 - 1)}" height="${h - pad - y(e.minted)}" fill="var(--mint)"><title>epoch ${e.epoch}: minted ${io(e.minted)}</title></rect>` +
      `<rect x="${x + bw / 2}" y="${y(e.burned)}" width="${Math.max(1, bw / 2 - 1)}" height="${h - pad - y(e.burned)}" fill="var(--burn)"><title>epoch ${e.epoch}: burned ${io(e.burned)}</title></rect>`;
  }).join("");
  const axis = `<text x="${pad}" y="${h - 12}">epoch ${epochs[0].epoch}</text><text x="${w - pad}" y="${h - 12}" text-anchor="end">${epochs[n - 1].epoch}</text>` +
    `<text x="4" y="${pad - 8}">${esc(io(max, 0))}</text>`;
  return `<div class="legend"><span><i style="background:var(--mint)"></i>minted</span><span><i style="background:var(--burn)"></i>burned</span></div>` +
    `<svg data-testid="chart-minted-burned" viewBox="0 0 ${w} ${h}" width="100%" role="img">${rects}${axis}</svg>`;
}

function line(points, id, { target = null, fmt = (v) => v, max = null } = {}) {
  if (!points.length) return `<p class="muted">No data.</p>`;
  const w = 560, h = 200, pad = 34;
  const xs = points.map((p) => p[0]), vs = points.map((p) => p[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs, x0 + 1);
  const top = max ?? Math.max(...vs, target ?? 0, 1e-9) * 1.1;
  const X = (x) => pad + ((w - pad * 2) * (x - x0)) / (x1 - x0);
  const Y = (v) => h - pad - ((h - pad * 2) * Math.min(v, top)) / top;
  const path = points.map((p, i) => `${i ? "L" : "M"}${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`).join(" ");
  const dots = points.length <= 80 ? points.map((p) => `<circle cx="${X(p[0])}" cy="${Y(p[1])}" r="2.5" fill="var(--accent)"><title>${esc(fmt(p[1]))}</title></circle>`).join("") : "";
  const goal = target == null ? "" :
    `<line data-testid="${id}-target" x1="${pad}" x2="${w - pad}" y1="${Y(target)}" y2="${Y(target)}" stroke="var(--warn)" stroke-dasharray="5 4"/>` +
    `<text x="${w - pad}" y="${Y(target) - 5}" text-anchor="end">${esc(fmt(target))}</text>`;
  const axis = `<text x="4" y="${pad - 8}">${esc(fmt(top))}</text><text x="4" y="${h - pad}">0</text>`;
  return `<svg data-testid="${id}" viewBox="0 0 ${w} ${h}" width="100%" role="img"><path d="${path}" fill="none" stroke="var(--accent)" stroke-width="2"/>${dots}${goal}${axis}</svg>`;
}

// --- pages

async function overview() {
  const [o, nodes, jobs] = await Promise.all([api("/overview?epochs=48"), api("/nodes?limit=50&sort=reputation"), api("/jobs?limit=20")]);
  const e = o.economics;
  const net = e.net_deflation;
  view.innerHTML = `<h1>Network at a glance</h1>
  <div class="cards">
    ${card("Active nodes", `${int(o.active_nodes)} <span class="muted">/ ${int(o.nodes)}</span>`, "active-nodes")}
    ${card("GPUs", int(o.gpus), "gpus")}
    ${card("Jobs running", int(o.jobs_running), "jobs-running")}
    ${card("Supply", io(o.supply.supply) + fin(o.supply), "supply")}
    ${card(`D/E (last ${e.epochs} epochs)`, ratio(e.de_ratio), "de-ratio", e.de_ratio != null && e.de_ratio >= DE_TARGET ? "good" : "bad")}
    ${card("Net deflation (burned − minted)", io(net), "net-deflation", net > 0 ? "good" : "bad")}
  </div>
  <div class="grid2">
    <div class="panel"><h2>GPUs by model</h2>${bars(o.gpus_by_model, "chart-gpus-model")}</div>
    <div class="panel"><h2>GPUs by region</h2>${bars(o.gpus_by_region, "chart-gpus-region", "var(--mint)")}</div>
  </div>
  <div class="grid2">
    <div class="panel"><h2>Minted vs burned per epoch</h2>${mintedBurned(o.epochs)}</div>
    <div class="panel"><h2>Demand-to-Emission per epoch, against the ${DE_TARGET.toFixed(2)} line</h2>
      ${line(o.epochs.filter((x) => x.de_ratio != null).map((x) => [x.epoch, x.de_ratio]), "chart-de", { target: DE_TARGET, fmt: (v) => v.toFixed(2) })}</div>
  </div>
  <div class="panel"><h2>Nodes by reputation (${int(nodes.total)})</h2>${table([
    { label: "node", cell: (n) => link("node", n.address) + fin(n) },
    { label: "status", cell: (n) => pill(n.status) },
    { label: "GPUs", cell: (n) => `${n.gpu_count} × ${esc(n.gpu_model)}` },
    { label: "region", cell: (n) => esc(n.region) },
    { label: "reputation", num: true, cell: (n) => pct(n.reputation_bps) },
    { label: "uptime", num: true, cell: (n) => pct(n.uptime_bps) },
    { label: "bonded", num: true, cell: (n) => io(n.bonded) },
  ], nodes.items, "nodes-table")}</div>
  <div class="panel"><h2>Jobs (${int(jobs.total)})</h2>${table([
    { label: "job", cell: (j) => link("job", j.address) + fin(j) },
    { label: "state", cell: (j) => pill(j.state) },
    { label: "GPUs", cell: (j) => `${j.gpu_count} × ${esc(j.gpu_model)}` },
    { label: "hours", num: true, cell: (j) => j.duration_hours },
    { label: "deposited", num: true, cell: (j) => io(j.deposited) },
    { label: "paid", num: true, cell: (j) => io(j.paid) },
  ], jobs.items, "jobs-table")}</div>
  <p class="muted">Newest slot indexed: ${o.last_slot ?? "–"}; ${int(o.unfinalized_transactions)} transaction(s) not finalized yet. Whole history: minted ${io(o.economics_all.minted)}, burned ${io(o.economics_all.burned)}, D/E ${ratio(o.economics_all.de_ratio)}.</p>`;
}

async function nodePage(address) {
  const [n, hist] = await Promise.all([api("/nodes/" + address), api(`/nodes/${address}/history?limit=500`)]);
  const rep = hist.items.filter((h) => h.reputation_bps != null).map((h) => [h.slot, h.reputation_bps]);
  rep.push([Math.max(n.last_slot, ...rep.map((p) => p[0])), n.reputation_bps]);
  view.innerHTML = `<h1>Node <span class="mono" data-testid="node-address">${esc(n.address)}</span>${fin(n)}</h1>
  <div class="cards">
    ${card("Status", pill(n.status), "node-status")}
    ${card("Reputation", pct(n.reputation_bps), "node-reputation")}
    ${card("Uptime", pct(n.uptime_bps), "node-uptime")}
    ${card("Bonded", io(n.bonded), "node-bonded")}
    ${card("Slashed", io(n.slashed), "node-slashed")}
  </div>
  <div class="grid2">
    <div class="panel"><h2>Hardware</h2><dl class="kv">
      <dt>GPUs</dt><dd data-testid="node-gpus">${n.gpu_count} × ${esc(n.gpu_model)}</dd>
      <dt>VRAM per GPU</dt><dd>${n.vram_gb_per_gpu} GB</dd><dt>CUDA</dt><dd>${esc(n.cuda)}</dd>
      <dt>Region</dt><dd data-testid="node-region">${esc(n.region)}</dd><dt>Bandwidth</dt><dd>${int(n.bandwidth_mbps)} Mbit/s</dd>
      <dt>Effective tier</dt><dd>${esc(n.effective_tier ?? "–")}</dd><dt>Measured</dt><dd>${n.measured_tflops ?? "–"} TFLOPS</dd>
      <dt>Operator</dt><dd class="mono">${esc(n.operator)}</dd><dt>Agent</dt><dd class="mono">${esc(n.agent)}</dd>
      <dt>Registered</dt><dd>${when(n.registered_at)}</dd><dt>Last seen (proven)</dt><dd data-testid="node-last-seen">${when(n.last_seen)}</dd>
      <dt>Synced epoch</dt><dd>${n.synced_epoch ?? "–"}</dd><dt>Uptime last epoch</dt><dd>${n.last_epoch_uptime_secs ?? "–"} s</dd>
    </dl></div>
    <div class="panel"><h2>Reputation over time (by slot)</h2>${line(rep, "chart-reputation", { max: 10000, fmt: (v) => pct(v) })}</div>
  </div>
  <div class="panel"><h2>Attestations</h2>${table([
    { label: "when", cell: (a) => when(a.block_time) + fin(a) }, { label: "verifier", cell: (a) => `<span class="mono">${esc(short(a.verifier))}</span>` },
    { label: "result", cell: (a) => (a.passed ? '<span class="good">passed</span>' : '<span class="bad">failed</span>') },
    { label: "tier", cell: (a) => esc(a.effective_tier) }, { label: "TFLOPS", num: true, cell: (a) => a.measured_tflops ?? "–" },
    { label: "valid until", cell: (a) => when(a.expires_at) },
  ], n.attestations, "attestations-table")}</div>
  <div class="grid2">
    <div class="panel"><h2>Stake</h2>${table([
      { label: "when", cell: (m) => when(m.block_time) + fin(m) }, { label: "movement", cell: (m) => esc(m.kind) },
      { label: "amount", num: true, cell: (m) => io(m.amount) }, { label: "bonded after", num: true, cell: (m) => (m.bonded == null ? "–" : io(m.bonded)) },
    ], n.stake_movements, "stake-table")}</div>
    <div class="panel"><h2>Slashes</h2>${table([
      { label: "proposal", cell: (x) => `<span class="mono">${esc(short(x.proposal))}</span>` }, { label: "offense", cell: (x) => esc(x.offense) },
      { label: "status", cell: (x) => pill(x.status) }, { label: "amount", num: true, cell: (x) => io(x.amount) },
      { label: "burned", num: true, cell: (x) => io(x.burned) },
    ], n.slashes, "slashes-table")}</div>
  </div>
  <div class="grid2">
    <div class="panel"><h2>Runs</h2>${table([
      { label: "job", cell: (r) => link("job", r.job) }, { label: "status", cell: (r) => pill(r.status) },
      { label: "GPU-seconds", num: true, cell: (r) => int(r.gpu_seconds) }, { label: "paid", num: true, cell: (r) => io(r.paid) },
    ], n.runs, "node-runs-table")}</div>
    <div class="panel"><h2>Reward claims</h2>${table([
      { label: "when", cell: (c) => when(c.block_time) }, { label: "paid", num: true, cell: (c) => io(c.paid) },
      { label: "forfeited", num: true, cell: (c) => io(c.forfeited) }, { label: "locked", num: true, cell: (c) => io(c.locked) },
    ], n.reward_claims, "claims-table")}</div>
  </div>`;
}

async function jobPage(address) {
  const j = await api("/jobs/" + address);
  const settled = j.settlements[j.settlements.length - 1];
  view.innerHTML = `<h1>Job <span class="mono" data-testid="job-address">${esc(j.address)}</span>${fin(j)}</h1>
  <div class="cards">
    ${card("State", pill(j.state), "job-state")}
    ${card("Cluster", `${j.gpu_count} × ${esc(j.gpu_model)}`, "job-spec")}
    ${card("Deposited", io(j.deposited), "job-deposited")}
    ${card("Paid to nodes", io(j.paid), "job-paid")}
    ${card("Fees (burned)", `${io(j.fees)} <span class="muted">(${io(j.fees_burned)})</span>`, "job-fees")}
    ${card("Refunded", io(j.refunded), "job-refunded")}
  </div>
  <div class="panel"><h2>Cluster: runs (${j.runs.length})</h2>${table([
    { label: "node", cell: (r) => link("node", r.node) + fin(r) }, { label: "GPUs", num: true, cell: (r) => r.gpus },
    { label: "model", cell: (r) => esc(r.node_gpu_model) }, { label: "region", cell: (r) => esc(r.node_region) },
    { label: "status", cell: (r) => pill(r.status) }, { label: "started", cell: (r) => when(r.started_at) },
    { label: "GPU-seconds", num: true, cell: (r) => int(r.gpu_seconds) }, { label: "paid", num: true, cell: (r) => io(r.paid) },
    { label: "refunded", num: true, cell: (r) => io(r.refunded) },
  ], j.runs, "runs-table")}</div>
  <div class="grid2">
    <div class="panel"><h2>Usage reports</h2>${table([
      { label: "when", cell: (u) => when(u.block_time) + fin(u) }, { label: "run", cell: (u) => `<span class="mono">${esc(short(u.run))}</span>` },
      { label: "GPU-seconds (cumulative)", num: true, cell: (u) => int(u.gpu_seconds) }, { label: "earned", num: true, cell: (u) => io(u.earned) },
    ], j.usage, "usage-table")}</div>
    <div class="panel"><h2>Settlement</h2>${settled ? `<dl class="kv" data-testid="settlement">
      <dt>When</dt><dd>${when(settled.block_time)}${fin(settled)}</dd><dt>Paid</dt><dd>${io(settled.paid)}</dd>
      <dt>Fees</dt><dd>${io(settled.fees)}</dd><dt>Fees burned</dt><dd>${io(settled.fees_burned)}</dd>
      <dt>Fees to treasury</dt><dd>${io(settled.fees_to_treasury)}</dd><dt>Refunded</dt><dd>${io(settled.refunded)}</dd></dl>`
      : '<p class="muted">Not settled yet.</p>'}</div>
  </div>
  <p class="muted">Client <span class="mono">${esc(j.client)}</span>, created ${when(j.created_at)}, ${j.duration_hours} h at ${io(j.price_per_gpu_hour)} per GPU-hour.</p>`;
}

async function searchPage(q) {
  const r = await api("/search?q=" + encodeURIComponent(q));
  const pages = r.results.filter((h) => h.kind === "node" || h.kind === "job");
  if (pages.length === 1 || (pages.length && pages[0].id === q)) { location.hash = `#/${pages[0].kind}/${pages[0].id}`; return; }
  view.innerHTML = `<h1>Search: <span class="mono">${esc(q)}</span></h1>${r.results.length ? table([
    { label: "kind", cell: (h) => esc(h.kind) }, { label: "id", cell: (h) => (h.kind === "node" || h.kind === "job" ? link(h.kind, h.id) : `<span class="mono">${esc(h.id)}</span>`) },
    { label: "as", cell: (h) => esc(h.as ?? "") },
  ], r.results, "search-results") : '<p class="muted" data-testid="search-empty">Nothing found.</p>'}`;
}

async function route() {
  const [, kind, arg] = location.hash.replace(/^#/, "").split("/");
  try {
    if (kind === "node" && arg) await nodePage(arg);
    else if (kind === "job" && arg) await jobPage(arg);
    else if (kind === "search" && arg) await searchPage(decodeURIComponent(arg));
    else await overview();
    document.body.dataset.ready = location.hash || "#/";
  } catch (err) {
    view.innerHTML = `<h1>Not found</h1><p class="bad" data-testid="error">${esc(err.message)}</p>`;
    document.body.dataset.ready = "error";
  }
}

document.getElementById("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = document.getElementById("q").value.trim();
  if (q) location.hash = "#/search/" + encodeURIComponent(q);
});
window.addEventListener("hashchange", () => { document.body.dataset.ready = ""; route(); });
route();
