// The monitor page: polls /status.json every 2 s and redraws; plots are SVG drawn by the server.
"use strict";
const POLL_MS = 2000;
const shownFile = {};

function cell(row, text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  row.appendChild(td);
  return td;
}

function value(v, digits) {
  if (v === undefined || v === null) return "-";
  return digits === undefined ? String(v) : Number(v).toFixed(digits);
}

function stateText(d) {
  if (!d.newestFile) return "no file yet";
  if (!d.stateChannel) return "none";
  const bits = (d.stateBits || []).join(", ");
  return d.stateChannel + " = " + d.stateValue + (bits ? " (" + bits + ")" : " (no bit set)");
}

function detectorState(data, d, s) {
  const lag = data.health.lagSeconds ? data.health.lagSeconds[d.name] : undefined;
  if (lag !== undefined && lag > data.health.maxLagSeconds) return "behind";
  if (!s.files) return "waiting";
  return "on time";
}

function renderTable(data) {
  const body = document.querySelector("#detectors tbody");
  body.replaceChildren();
  const dets = (data.status && data.status.detectors) || {};
  for (const d of data.detectors) {
    const s = dets[d.name] || {};
    const row = document.createElement("tr");
    row.dataset.detector = d.name;
    const name = cell(row, d.name);
    name.style.color = d.color;
    name.style.fontWeight = "bold";
    const state = detectorState(data, d, s);
    cell(row, state, "state " + (state === "behind" ? "bad" : state === "on time" ? "ok" : ""));
    cell(row, value(s.files)).className = "files";
    cell(row, s.bytes === undefined ? "-" : (s.bytes / 1e6).toFixed(2));
    cell(row, value(s.newestGpsEnd));
    cell(row, value(data.health.lagSeconds ? data.health.lagSeconds[d.name] : s.lagSeconds));
    cell(row, value(s.gapSeconds));
    cell(row, value(s.retries));
    cell(row, value(s.filesFetched));
    cell(row, value(s.fetchFailures));
    const l = s.latenessMs || {};
    cell(row, l.count ? l.p50 + " / " + l.p99 : "-");
    cell(row, stateText(d), "bits");
    body.appendChild(row);
  }
}

function renderGaps(data) {
  const list = document.getElementById("gaps");
  list.replaceChildren();
  const dets = (data.status && data.status.detectors) || {};
  for (const [name, s] of Object.entries(dets)) {
    for (const g of s.gaps || []) {
      const li = document.createElement("li");
      li.textContent = name + ": GPS " + g.start + "-" + g.end + " (" + (g.end - g.start) + " s): " + g.reason;
      list.appendChild(li);
    }
  }
  if (!list.children.length) {
    const li = document.createElement("li");
    li.className = "quiet";
    li.textContent = "none reported";
    list.appendChild(li);
  }
}

function renderPlots(data) {
  const box = document.getElementById("plots");
  for (const d of data.detectors) {
    let row = document.getElementById("plots-" + d.name);
    if (!row) {
      row = document.createElement("div");
      row.id = "plots-" + d.name;
      row.className = "plots";
      for (const kind of ["strain", "asd"]) {
        const img = document.createElement("img");
        img.className = kind;
        img.width = 560;
        img.height = 220;
        img.alt = d.name + " " + kind;
        img.src = "/plot/" + kind + ".svg?detector=" + encodeURIComponent(d.name);
        row.appendChild(img);
      }
      box.appendChild(row);
    }
    // Redraw only when a newer frame has appeared.
    if (d.newestFile && shownFile[d.name] !== d.newestFile) {
      shownFile[d.name] = d.newestFile;
      for (const img of row.querySelectorAll("img")) {
        img.src = "/plot/" + img.className + ".svg?detector=" + encodeURIComponent(d.name) + "&file=" + encodeURIComponent(d.newestFile);
      }
    }
  }
}

function render(data) {
  const st = data.status || {};
  const state = document.getElementById("state");
  state.textContent = st.state || "starting";
  const health = document.getElementById("health");
  health.textContent = data.health.healthy ? "healthy" : "behind";
  health.className = "badge " + (data.health.healthy ? "ok" : "bad");
  document.getElementById("reason").textContent = data.health.healthy ? "" : data.health.reason;
  document.getElementById("clock").textContent = st.clock && st.clock.gps !== undefined ? st.clock.gps : "-";
  document.getElementById("source").textContent = st.source ? "from " + st.source : "";
  document.getElementById("updated").textContent = st.updated || "-";
  renderTable(data);
  renderGaps(data);
  renderPlots(data);
  document.getElementById("lateness").src = "/plot/lateness.svg?t=" + Date.now();
  const n = document.getElementById("updates");
  n.dataset.count = String(Number(n.dataset.count) + 1);
  n.textContent = n.dataset.count;
}

async function poll() {
  try {
    const r = await fetch("/status.json", {cache: "no-store"});
    if (r.ok) {
      render(await r.json());
    }
  } catch (e) {
    // The replay has ended (or the server restarts): say so and keep trying.
    document.getElementById("state").textContent = "disconnected";
  }
  setTimeout(poll, POLL_MS);
}

poll();
