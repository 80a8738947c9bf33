// perfscore serve: the list (sort, filter, chart) and one evaluation (edit in place, findings, explain).
// Our own script, no library. Text from the files is only ever set as textContent or comes
// HTML-escaped from the server; nothing from them is evaluated.
"use strict";

const TOKEN = document.querySelector('meta[name="perfscore-token"]').content;
const GRADES = ["优", "良", "中", "合格", "差"];
const GRADE_COLOURS = {"优": "#2e7d32", "良": "#1565c0", "中": "#b8860b", "合格": "#ef6c00", "差": "#c62828"};
const SVG = "http://www.w3.org/2000/svg";

function el(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// --------------------------------------------------------------------------- the list

function initList() {
  const table = document.getElementById("evals");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const controls = ["f-department", "f-grade", "f-errors", "f-text"].map((id) => document.getElementById(id));
  let sortKey = null, sortDir = 1;

  function visible() { return rows.filter((r) => !r.hidden); }

  function filter() {
    const [dept, grade, errors, text] = controls;
    for (const r of rows) {
      const d = r.dataset;
      r.hidden = (dept.value && d.department !== dept.value) || (grade.value && d.grade !== grade.value) ||
        (errors.checked && Number(d.errors) === 0) || (text.value && !d.project.includes(text.value.trim()));
    }
    for (const card of document.querySelectorAll(".summary-card")) {
      card.hidden = Boolean(dept.value) && card.dataset.department !== dept.value;
    }
    document.getElementById("shown").textContent = `显示 ${visible().length} / ${rows.length}`;
    chart(visible());
  }

  function sort(th) {
    const key = th.dataset.key;
    sortDir = sortKey === key ? -sortDir : 1;
    sortKey = key;
    const numeric = th.hasAttribute("data-num");
    const value = (r) => {
      const v = r.dataset[key] || "";
      return numeric ? (v === "" ? -Infinity : Number(v)) : v;
    };
    rows.sort((a, b) => {
      const x = value(a), y = value(b);
      const c = numeric ? x - y : String(x).localeCompare(String(y), "zh-CN");
      return c * sortDir;
    });
    for (const r of rows) body.appendChild(r);
    for (const h of table.tHead.rows[0].cells) h.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
  }

  for (const th of table.tHead.rows[0].cells) {
    th.tabIndex = 0;
    th.title = "点击排序";
    th.addEventListener("click", () => sort(th));
    th.addEventListener("keydown", (e) => { if (e.key === "Enter") sort(th); });
  }
  for (const c of controls) c.addEventListener("input", filter);
  document.getElementById("filters").addEventListener("submit", (e) => e.preventDefault());
  filter();
}

function chart(rows) {
  const svg = document.getElementById("chart");
  if (!svg) return;
  const W = 640, H = 200, top = 34, bottom = 32, plot = H - top - bottom;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.replaceChildren();
  // Left: evaluations per grade, recomputed (filled) and declared (outlined).
  const words = GRADES.filter((g) => rows.some((r) => r.dataset.grade === g || r.dataset.declaredGrade === g));
  if (rows.some((r) => r.dataset.grade === "（无）")) words.push("（无）");
  const computed = words.map((g) => rows.filter((r) => r.dataset.grade === g).length);
  const declared = words.map((g) => rows.filter((r) => r.dataset.declaredGrade === g).length);
  const most = Math.max(1, ...computed, ...declared);
  svg.appendChild(el("text", {x: 10, y: 14, class: "chart-title"}, "等级"));
  const slot = 46;
  words.forEach((g, i) => {
    const x = 20 + i * slot;
    const colour = GRADE_COLOURS[g] || "#777";
    const hc = plot * computed[i] / most, hd = plot * declared[i] / most;
    svg.appendChild(el("rect", {x, y: top + plot - hc, width: 16, height: hc, fill: colour}));
    svg.appendChild(el("rect", {x: x + 18, y: top + plot - hd, width: 16, height: hd, fill: "none",
      stroke: colour, "stroke-width": 1.5}));
    svg.appendChild(el("text", {x: x + 8, y: top + plot - hc - 3, class: "chart-num"}, computed[i]));
    svg.appendChild(el("text", {x: x + 26, y: top + plot - hd - 3, class: "chart-num"}, declared[i]));
    svg.appendChild(el("text", {x: x + 17, y: H - bottom + 16, class: "chart-label"}, g === "（无）" ? "无" : g));
  });
  const axisEnd = 20 + Math.max(words.length, 1) * slot;
  svg.appendChild(el("line", {x1: 14, y1: top + plot, x2: axisEnd, y2: top + plot, class: "chart-axis"}));
  // Right: recomputed totals in bands of ten points (below 60 together).
  const bins = [["<60", 0, 60], ["60", 60, 70], ["70", 70, 80], ["80", 80, 90], ["90+", 90, Infinity]];
  const totals = rows.map((r) => r.dataset.total).filter((t) => t !== "").map(Number);
  const counts = bins.map(([, lo, hi]) => totals.filter((t) => t >= lo && t < hi).length);
  const peak = Math.max(1, ...counts);
  const left = Math.max(axisEnd + 40, 330), bw = 50;
  svg.appendChild(el("text", {x: left - 6, y: 14, class: "chart-title"}, "复核总分"));
  bins.forEach(([label, lo], i) => {
    const x = left + i * (bw + 6), h = plot * counts[i] / peak;
    const colour = lo >= 90 ? GRADE_COLOURS["优"] : lo >= 80 ? GRADE_COLOURS["良"] : lo >= 60 ? GRADE_COLOURS["中"]
      : GRADE_COLOURS["差"];
    svg.appendChild(el("rect", {x, y: top + plot - h, width: bw, height: h, fill: colour, opacity: 0.8}));
    svg.appendChild(el("text", {x: x + bw / 2, y: top + plot - h - 3, class: "chart-num"}, counts[i]));
    svg.appendChild(el("text", {x: x + bw / 2, y: H - bottom + 16, class: "chart-label"}, label));
  });
  svg.appendChild(el("line", {x1: left - 4, y1: top + plot, x2: left + bins.length * (bw + 6), y2: top + plot,
    class: "chart-axis"}));
}

// --------------------------------------------------------------------------- one evaluation

function initEvaluation() {
  const sheet = document.getElementById("sheet");
  const banner = document.getElementById("banner");
  let busy = false;

  const keyOf = (input) => `${input.dataset.indicator}\u0000${input.dataset.field}`;
  const find = (key) => Array.from(sheet.querySelectorAll(".edit")).find((i) => keyOf(i) === key);

  function say(text, kind) {
    banner.textContent = text;
    banner.className = `banner ${kind || ""}`;
    banner.hidden = !text;
  }

  function message(input, text, kind) {
    const box = input.parentElement.querySelector(".field-msg");
    if (box) { box.textContent = text || ""; box.className = `field-msg ${kind || ""}`; }
    input.classList.toggle("invalid", kind === "error");
  }

  // Put fresh content in, keeping whatever the user typed and has not saved yet.
  function apply(data, keep) {
    const unsaved = new Map();
    for (const input of sheet.querySelectorAll(".edit")) {
      if (input.value !== input.dataset.original && !(keep && keep.has(keyOf(input)))) {
        unsaved.set(keyOf(input), {value: input.value, original: input.dataset.original});
      }
    }
    sheet.innerHTML = data.html;
    sheet.dataset.hash = data.hash;
    document.getElementById("total").textContent = data.total;
    document.getElementById("grade").textContent = data.grade;
    const incomplete = document.getElementById("incomplete");
    incomplete.textContent = data.incomplete;
    incomplete.hidden = !data.incomplete;
    document.getElementById("declared-total").textContent = data.declared_total || "—";
    document.getElementById("declared-grade").textContent = data.declared_grade || "—";
    for (const s of ["error", "warning", "notice"]) {
      const word = {error: "错误", warning: "警告", notice: "提示"}[s];
      document.getElementById(`n-${s}`).textContent = `${word} ${data.counts[s]}`;
    }
    const sc = data.set_counts;
    document.getElementById("set-counts").textContent = `指标体系：错误 ${sc.error}，警告 ${sc.warning}，提示 ${sc.notice}`;
    const others = document.getElementById("others");
    others.innerHTML = data.others || "";
    document.getElementById("others-box").hidden = !data.others;
    const lost = [];
    for (const [key, typed] of unsaved) {
      const input = find(key);
      if (!input) { lost.push(typed.value); continue; }
      input.value = typed.value;
      input.classList.add("dirty");
      if (input.dataset.original !== typed.original) {
        message(input, `他人已改为“${input.dataset.original}”；您的输入尚未保存，确认后按回车保存`, "conflict");
      }
    }
    return lost;
  }

  async function send(input) {
    const payload = {file: sheet.dataset.file, indicator: input.dataset.indicator, field: input.dataset.field,
      value: input.value, hash: sheet.dataset.hash};
    const response = await fetch("/api/edit", {method: "POST", body: JSON.stringify(payload),
      headers: {"Content-Type": "application/json", "X-Perfscore-Token": TOKEN}, credentials: "same-origin"});
    let data = {};
    try { data = await response.json(); } catch (e) { data = {error: `服务器返回 ${response.status}`}; }
    return {status: response.status, data};
  }

  let generation = 0;          // counts saves started and finished: a poll answer from before one is stale
  const waiting = [];          // fields changed while another save was under way: saved next, in order

  async function save(input) {
    if (input.value === input.dataset.original) return;
    if (busy) {
      // Saved once the current save is done, if nobody else changed that field meanwhile (a field
      // replaced by a fresh page, or taken by someone else, has a different original then).
      if (!waiting.some((w) => w.key === keyOf(input))) waiting.push({key: keyOf(input), original: input.dataset.original});
      message(input, "等待保存…", "saving");
      return;
    }
    busy = true;
    generation += 1;
    const key = keyOf(input), typed = input.value, original = input.dataset.original;
    message(input, "保存中…", "saving");
    try {
      let {status, data} = await send(input);
      if (status === 409) {
        // Someone changed the file since this page read it: take their version, then ours on top of it
        // when they did not touch this very field; otherwise keep ours in the field, unsaved.
        apply(data, new Set([key]));
        const fresh = find(key);
        if (fresh && fresh.dataset.original === original) {
          fresh.value = typed;
          ({status, data} = await send(fresh));
          if (status === 200) {
            apply(data, new Set([key]));
            say("此文件已被他人修改，页面已重新载入其修改；您的修改已在其基础上保存。", "conflict");
            message(find(key), data.invalid ? data.invalid : "已保存", data.invalid ? "error" : "ok");
            return;
          }
        }
        say("此文件已被他人修改，页面已重新载入。" + (fresh && fresh.dataset.original !== original ?
          "您修改的这一项也被他人改过：您的输入保留在框中，尚未保存。" : ""), "conflict");
        if (fresh) {
          fresh.value = typed;
          fresh.classList.add("dirty");
          message(fresh, `他人已改为“${fresh.dataset.original}”；您的输入尚未保存，确认后按回车保存`, "conflict");
        }
        return;
      }
      if (status === 200) {
        apply(data, new Set([key]));
        const fresh = find(key);
        if (fresh) message(fresh, data.invalid ? data.invalid : "已保存", data.invalid ? "error" : "ok");
        return;
      }
      message(input, data.error || `保存失败（${status}）`, "error");
      if (status === 403) say(data.error, "error");
    } catch (e) {
      message(input, "无法连接 perfscore serve（它是否已停止？）", "error");
    } finally {
      busy = false;
      generation += 1;
      while (waiting.length) {
        const {key, original} = waiting.shift();
        const next = find(key);
        if (next && next.dataset.original === original) { save(next); break; }
      }
    }
  }

  sheet.addEventListener("change", (e) => { if (e.target.classList.contains("edit")) save(e.target); });
  sheet.addEventListener("keydown", (e) => {
    const t = e.target;
    if (!t.classList || !t.classList.contains("edit")) return;
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); save(t); }      // Shift+Enter: a new line
    if (e.key === "Escape") { t.value = t.dataset.original; t.classList.remove("dirty"); message(t, ""); }
  });
  sheet.addEventListener("input", (e) => {
    const t = e.target;
    if (t.classList && t.classList.contains("edit")) t.classList.toggle("dirty", t.value !== t.dataset.original);
  });
  // Notice changes made elsewhere even before the next save (cheap: the file's hash only).
  // A save that starts or ends meanwhile makes the answer stale: it is dropped (the next round asks again).
  let seen = sheet.dataset.hash;
  setInterval(async () => {
    if (busy || document.hidden) return;
    const asked = generation;
    const stale = () => busy || asked !== generation;
    try {
      const r = await fetch(`/api/hash/${encodeURI(sheet.dataset.file)}`);
      if (!r.ok || stale()) return;
      const {hash} = await r.json();
      if (hash === sheet.dataset.hash || hash === seen || stale()) return;
      seen = hash;
      const full = await fetch(`/api/eval/${encodeURI(sheet.dataset.file)}`);
      const data = await full.json().catch(() => ({}));
      if (stale()) { seen = null; return; }
      if (!full.ok) {
        say(data.error || `无法载入（${full.status}）`, "error");
        return;
      }
      apply(data);
      say("此文件已被他人修改，页面已重新载入（您尚未保存的输入仍在框中）。", "conflict");
    } catch (e) { /* the server stopped: the next save says so */ }
  }, 3000);
}

async function explain(e) {
  const button = e.target.closest && e.target.closest("button.code");
  if (!button) return;
  const box = button.parentElement.querySelector(".explain");
  if (!box.hidden) { box.hidden = true; return; }
  box.hidden = false;
  box.textContent = "…";
  try {
    const r = await fetch(`/api/explain/${encodeURIComponent(button.textContent)}`);
    const d = await r.json();
    box.textContent = d.text;
  } catch (err) {
    box.textContent = "无法取得说明";
  }
}

if (document.getElementById("evals")) initList();
if (document.getElementById("sheet")) initEvaluation();
document.addEventListener("click", explain);
