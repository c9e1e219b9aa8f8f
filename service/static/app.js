/* article-cleaner web page: POST /v1/clean, then show the cleaned text and a
 * labelled diff.  The diff is built here from the unified diff (which lines
 * changed) and from `changes` (which rule changed them, and why: every change
 * carries its span in the ORIGINAL text).  No framework, no external assets. */
(function () {
  "use strict";

  var CONTEXT = 3; // unchanged lines shown around each change when collapsed
  var $ = function (id) { return document.getElementById(id); };
  var state = { result: null, original: null, rows: null, expanded: {}, mode: "split" };

  // ---------------------------------------------------------------- helpers
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function splitLines(text) {
    var parts = text.split("\n");
    if (parts.length && parts[parts.length - 1] === "") parts.pop();
    return parts;
  }

  function categoryOf(rule) { return String(rule).split(".")[0]; }

  // Make invisible edits visible inside a highlighted segment.
  var VISIBLE = { " ": "·", "\u00a0": "⍽", "\t": "→", "\r": "␍", "\u200b": "⸱", "\ufeff": "⸱" };
  function visible(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) out += VISIBLE[text[i]] || text[i];
    return out;
  }

  // ----------------------------------------------------------- unified diff
  function parseUnifiedDiff(diff) {
    var hunks = [], hunk = null, lines = diff ? diff.split("\n") : [];
    var header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i], m = header.exec(line);
      if (m) {
        hunk = {
          oldStart: +m[1], oldLen: m[2] === undefined ? 1 : +m[2],
          newStart: +m[3], newLen: m[4] === undefined ? 1 : +m[4], lines: []
        };
        hunks.push(hunk);
      } else if (hunk && line.length && " -+".indexOf(line[0]) >= 0) {
        hunk.lines.push({ t: line[0], s: line.slice(1) });
      }
    }
    return hunks;
  }

  /* Rows for the whole document: {kind: same|del|ins|mod, o: old line no, n: new
   * line no, a: old text, b: new text}.  The original is rebuilt from the
   * cleaned text and the diff (as `patch -R` would), so this also works for HTML
   * input, whose original is the extracted text. */
  function buildRows(cleaned, diff) {
    var newLines = splitLines(cleaned), hunks = parseUnifiedDiff(diff);
    var rows = [], oldLines = [], o = 1, n = 1;
    function same(text) { rows.push({ kind: "same", o: o++, n: n++, a: text, b: text }); oldLines.push(text); }
    hunks.forEach(function (h) {
      var first = h.oldLen === 0 ? h.oldStart + 1 : h.oldStart;
      while (o < first && n <= newLines.length) same(newLines[n - 1]);
      var dels = [], ins = [];
      function flush() {
        alignBlock(dels, ins).forEach(function (p) {
          var d = p.d === null ? undefined : dels[p.d], a = p.i === null ? undefined : ins[p.i];
          if (p.eq) rows.push({ kind: "same", o: o++, n: n++, a: d, b: a });
          else if (d !== undefined && a !== undefined) rows.push({ kind: "mod", o: o++, n: n++, a: d, b: a });
          else if (d !== undefined) rows.push({ kind: "del", o: o++, n: null, a: d, b: null });
          else rows.push({ kind: "ins", o: null, n: n++, a: null, b: a });
        });
        dels.forEach(function (d) { oldLines.push(d); });
        dels = []; ins = [];
      }
      h.lines.forEach(function (l) {
        if (l.t === "-") { if (ins.length) flush(); dels.push(l.s); }
        else if (l.t === "+") ins.push(l.s);
        else { flush(); same(l.s); }
      });
      flush();
    });
    while (n <= newLines.length) same(newLines[n - 1]);
    // Offsets of every original line, to find the changes that touch it.
    var starts = [], pos = 0;
    oldLines.forEach(function (line) { starts.push(pos); pos += line.length + 1; });
    rows.forEach(function (r) { if (r.o) { r.start = starts[r.o - 1]; r.end = r.start + r.a.length; } });
    return rows;
  }

  /* Align a block of removed lines with the inserted lines that replace it:
   * identical lines (a diff may list an untouched line as removed and
   * re-inserted) are matched by LCS and shown as unchanged; between them, similar
   * lines are paired as modified and the rest are pure removals / insertions. */
  function alignBlock(dels, ins) {
    var m = dels.length, n = ins.length, out = [];
    if (!m || !n || m * n > 250000) return pairGap(dels, ins, 0, m, 0, n, out);
    var w = n + 1, L = new Int32Array((m + 1) * w);
    for (var i = m - 1; i >= 0; i--)
      for (var j = n - 1; j >= 0; j--)
        L[i * w + j] = dels[i] === ins[j] ? L[(i + 1) * w + j + 1] + 1 : Math.max(L[(i + 1) * w + j], L[i * w + j + 1]);
    var i0 = 0, j0 = 0, a = 0, b = 0;
    while (a < m && b < n) {
      if (dels[a] === ins[b] && L[a * w + b] === L[(a + 1) * w + b + 1] + 1) {
        pairGap(dels, ins, i0, a, j0, b, out);
        out.push({ d: a, i: b, eq: true });
        a++; b++; i0 = a; j0 = b;
      } else if (L[(a + 1) * w + b] >= L[a * w + b + 1]) a++;
      else b++;
    }
    return pairGap(dels, ins, i0, m, j0, n, out);
  }

  function similar(x, y) {
    var longest = Math.max(x.length, y.length);
    if (!longest) return true;
    var p = 0, max = Math.min(x.length, y.length);
    while (p < max && x[p] === y[p]) p++;
    var s = 0;
    while (s < max - p && x[x.length - 1 - s] === y[y.length - 1 - s]) s++;
    return (p + s) / longest >= 0.5;
  }

  function pairGap(dels, ins, i0, i1, j0, j1, out) {
    var i = i0, j = j0;
    while (i < i1 && j < j1 && similar(dels[i], ins[j])) out.push({ d: i++, i: j++, eq: false });
    while (i < i1) out.push({ d: i++, i: null, eq: false });
    while (j < j1) out.push({ d: null, i: j++, eq: false });
    return out;
  }

  /* The changes that explain one original line [start, end] (end = its newline).
   * Changes inside the line win; otherwise the narrowest change covering it. */
  function changesFor(row, changes) {
    var ls = row.start, le = row.end, inside = [], touching = [];
    changes.forEach(function (c) {
      var overlaps = c.start <= le && c.end > ls || (c.start === c.end && c.start >= ls && c.start <= le);
      if (!overlaps) return;
      if (c.start >= ls && c.end <= le + 1) inside.push(c); else touching.push(c);
    });
    if (inside.length) return inside;
    if (!touching.length) return [];
    touching.sort(function (x, y) { return (x.end - x.start) - (y.end - y.start); });
    return [touching[0]];
  }

  function chipsFor(list) {
    var byRule = {}, order = [];
    list.forEach(function (c) {
      if (!byRule[c.rule]) { byRule[c.rule] = { rule: c.rule, reasons: [], count: 0 }; order.push(c.rule); }
      byRule[c.rule].count++;
      if (byRule[c.rule].reasons.indexOf(c.reason) < 0) byRule[c.rule].reasons.push(c.reason);
    });
    var box = el("span", "chips");
    order.forEach(function (id) {
      var info = byRule[id];
      var chip = el("span", "chip cat-" + categoryOf(id), id + (info.count > 1 ? " ×" + info.count : ""));
      chip.title = id + ": " + info.reasons.join("; ");
      chip.setAttribute("data-rule", id);
      chip.setAttribute("tabindex", "0");
      chip.setAttribute("aria-label", "rule " + id + ", reason: " + info.reasons.join("; "));
      var tip = el("span", "tip", info.reasons.join("; "));
      tip.setAttribute("aria-hidden", "true");
      chip.appendChild(tip);
      box.appendChild(chip);
    });
    return box;
  }

  /* Word-level highlight of a modified line: an LCS over words and runs of
   * whitespace, so two separate edits stay two small marks.  Returns segment
   * lists [[text, changed], ...] for the old and the new line. */
  function intraline(a, b) {
    var ta = a.match(/\s+|[^\s]+/g) || [], tb = b.match(/\s+|[^\s]+/g) || [];
    var m = ta.length, n = tb.length;
    if (m * n > 60000) return prefixSuffix(a, b);
    var w = n + 1, L = new Int32Array((m + 1) * w);
    for (var i = m - 1; i >= 0; i--)
      for (var j = n - 1; j >= 0; j--)
        L[i * w + j] = ta[i] === tb[j] ? L[(i + 1) * w + j + 1] + 1 : Math.max(L[(i + 1) * w + j], L[i * w + j + 1]);
    var sa = [], sb = [], x = 0, y = 0;
    function push(list, text, changed) {
      var last = list[list.length - 1];
      if (last && last[1] === changed) last[0] += text; else list.push([text, changed]);
    }
    while (x < m || y < n) {
      if (x < m && y < n && ta[x] === tb[y]) { push(sa, ta[x++], false); push(sb, tb[y++], false); }
      else if (y >= n || (x < m && L[(x + 1) * w + y] >= L[x * w + y + 1])) push(sa, ta[x++], true);
      else push(sb, tb[y++], true);
    }
    return { a: sa, b: sb };
  }

  function prefixSuffix(a, b) {
    var p = 0, max = Math.min(a.length, b.length);
    while (p < max && a[p] === b[p]) p++;
    var s = 0;
    while (s < max - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
    return {
      a: [[a.slice(0, p), false], [a.slice(p, a.length - s), true], [a.slice(a.length - s), false]],
      b: [[b.slice(0, p), false], [b.slice(p, b.length - s), true], [b.slice(b.length - s), false]]
    };
  }

  // A whole line as one segment list: all changed (removed / inserted) or all unchanged.
  function whole(text, changed) { return [[text, changed]]; }

  function textCell(segments, mark) {
    var cell = el("span", "code");
    segments.forEach(function (seg) {
      if (!seg[0]) return;
      if (!seg[1]) { cell.appendChild(document.createTextNode(seg[0])); return; }
      // Whitespace-only edits are drawn with visible symbols; other text stays as it is.
      var blank = /^[\s\u200b-\u200f\ufeff]+$/.test(seg[0]);
      var m = el(mark, "hl" + (blank ? " ws" : ""), blank ? visible(seg[0]) : seg[0]);
      if (blank) m.title = "whitespace: " + JSON.stringify(seg[0]);
      cell.appendChild(m);
    });
    if (!cell.childNodes.length) cell.textContent = "\u200b";
    return cell;
  }

  // --------------------------------------------------------------- rendering
  function visibleRows(rows) {
    if ($("show-all").checked) return rows.map(function (r, i) { return { row: r, i: i }; });
    var keep = new Array(rows.length).fill(false);
    rows.forEach(function (r, i) {
      if (r.kind === "same") return;
      for (var k = Math.max(0, i - CONTEXT); k <= Math.min(rows.length - 1, i + CONTEXT); k++) keep[k] = true;
    });
    var out = [], i = 0;
    while (i < rows.length) {
      if (keep[i] || state.expanded[i]) { out.push({ row: rows[i], i: i }); i++; continue; }
      var j = i;
      while (j < rows.length && !keep[j] && !state.expanded[j]) j++;
      out.push({ gap: [i, j] });
      i = j;
    }
    return out;
  }

  function renderDiff() {
    var box = $("diff"), rows = state.rows, changes = state.result.changes;
    box.textContent = "";
    box.className = "diff " + state.mode;
    if (!state.result.diff) { box.appendChild(el("p", "nodiff", "No changes: the article is already clean.")); return; }
    if (state.mode === "split") {
      var head = el("div", "drow dhead");
      head.appendChild(el("span", "num", ""));
      head.appendChild(el("span", "side", state.inputFormat === "html" ? "Text extracted from the HTML" : "Original"));
      head.appendChild(el("span", "num", ""));
      head.appendChild(el("span", "side", "Cleaned"));
      box.appendChild(head);
    }
    var frag = document.createDocumentFragment();
    visibleRows(rows).forEach(function (item) {
      if (item.gap) { frag.appendChild(gapRow(item.gap)); return; }
      var r = item.row, explained = r.o ? changesFor(r, changes) : [];
      if (state.mode === "split") frag.appendChild(splitRow(r, explained));
      else inlineRows(r, explained).forEach(function (n) { frag.appendChild(n); });
    });
    box.appendChild(frag);
  }

  function gapRow(gap) {
    var row = el("div", "drow gap");
    var btn = el("button", "gap-btn", "⋯ " + (gap[1] - gap[0]) + " unchanged line" + (gap[1] - gap[0] === 1 ? "" : "s") + " — show");
    btn.type = "button";
    btn.addEventListener("click", function () {
      for (var k = gap[0]; k < gap[1]; k++) state.expanded[k] = true;
      renderDiff();
    });
    row.appendChild(btn);
    return row;
  }

  function labelled(cell, explained, kind) {
    if (kind === "same" || !explained.length) return cell;
    var wrap = el("span", "cellwrap");
    wrap.appendChild(cell);
    wrap.appendChild(chipsFor(explained));
    return wrap;
  }

  function splitRow(r, explained) {
    var row = el("div", "drow " + r.kind);
    row.setAttribute("data-old-line", r.o || "");
    var left, right;
    if (r.kind === "mod") {
      var parts = intraline(r.a, r.b);
      left = textCell(parts.a, "del"); right = textCell(parts.b, "ins");
    } else {
      left = r.a === null ? el("span", "code empty-side") : textCell(whole(r.a, r.kind === "del"), "del");
      right = r.b === null ? el("span", "code empty-side") : textCell(whole(r.b, r.kind === "ins"), "ins");
    }
    var oldNum = el("span", "num", r.o || ""), newNum = el("span", "num", r.n || "");
    var leftSide = el("span", "side old" + (r.kind === "del" || r.kind === "mod" ? " removed" : ""));
    leftSide.appendChild(labelled(left, explained, r.kind));
    if (r.kind === "del" || r.kind === "mod") leftSide.insertBefore(el("span", "sr-only", r.kind === "del" ? "Removed: " : "Changed from: "), leftSide.firstChild);
    var rightSide = el("span", "side new" + (r.kind === "ins" || r.kind === "mod" ? " inserted" : ""));
    if (r.kind === "ins" || r.kind === "mod") rightSide.appendChild(el("span", "sr-only", r.kind === "ins" ? "Inserted: " : "Changed to: "));
    rightSide.appendChild(right);
    row.appendChild(oldNum); row.appendChild(leftSide); row.appendChild(newNum); row.appendChild(rightSide);
    return row;
  }

  function inlineRows(r, explained) {
    function line(kind, o, n, sign, cell, chips) {
      var row = el("div", "drow " + kind);
      row.setAttribute("data-old-line", o || "");
      row.appendChild(el("span", "num", o || ""));
      row.appendChild(el("span", "num", n || ""));
      row.appendChild(el("span", "sign", sign));
      var side = el("span", "side" + (kind === "del" ? " removed" : kind === "ins" ? " inserted" : ""));
      if (kind !== "same") side.appendChild(el("span", "sr-only", kind === "del" ? "Removed: " : "Inserted: "));
      side.appendChild(chips ? labelled(cell, chips, kind) : cell);
      row.appendChild(side);
      return row;
    }
    if (r.kind === "same") return [line("same", r.o, r.n, " ", textCell(whole(r.a, false)))];
    if (r.kind === "del") return [line("del", r.o, null, "−", textCell(whole(r.a, true), "del"), explained)];
    if (r.kind === "ins") return [line("ins", null, r.n, "+", textCell(whole(r.b, true), "ins"))];
    var parts = intraline(r.a, r.b);
    return [line("del", r.o, null, "−", textCell(parts.a, "del"), explained), line("ins", null, r.n, "+", textCell(parts.b, "ins"))];
  }

  function renderStats(result) {
    var s = result.stats || {}, box = $("stats");
    box.textContent = "";
    [
      ["Changes", s.changes],
      ["Lines removed", s.lines_removed],
      ["Characters", (s.chars_in || 0) + " → " + (s.chars_out || 0)],
      ["Language", result.language || "unknown"],
      ["Profile", result.profile || "default"],
      ["Time", (s.elapsed_ms !== undefined ? Math.round(s.elapsed_ms) + " ms" : "–")]
    ].forEach(function (pair) {
      var item = el("div", "stat");
      item.appendChild(el("dt", null, pair[0]));
      item.appendChild(el("dd", null, String(pair[1] === undefined ? "–" : pair[1])));
      box.appendChild(item);
    });
    var meta = result.metadata || {};
    Object.keys(meta).forEach(function (key) {
      if (typeof meta[key] !== "string" || !meta[key]) return;
      var item = el("div", "stat meta");
      item.appendChild(el("dt", null, key));
      item.appendChild(el("dd", null, meta[key]));
      box.appendChild(item);
    });
    var summary = $("rule-summary");
    summary.textContent = "";
    var per = s.changes_per_rule || {};
    Object.keys(per).forEach(function (rule) {
      var reasons = [];
      result.changes.forEach(function (c) { if (c.rule === rule && reasons.indexOf(c.reason) < 0) reasons.push(c.reason); });
      var chip = el("span", "chip cat-" + categoryOf(rule), rule + " ×" + per[rule]);
      chip.title = reasons.join("; ");
      summary.appendChild(chip);
    });
  }

  function lineOf(offset) {
    var rows = state.rows;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (r.o && offset >= r.start && offset <= r.end) return r.o;
    }
    return "";
  }

  // A change's text for the table: visible whitespace, and the code point of a lone invisible character.
  function shown(text) {
    var out = visible(text.replace(/\n$/, "⏎"));
    if (text.length === 1 && /[\s\u200b-\u200f\ufeff]/.test(text) && text !== "\n")
      out += " U+" + text.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    return out;
  }

  function renderChanges(result) {
    var body = $("changes-body");
    body.textContent = "";
    $("changes-count").textContent = result.changes.length;
    result.changes.slice().sort(function (x, y) { return x.start - y.start || x.end - y.end; }).forEach(function (c) {
      var tr = el("tr");
      tr.appendChild(el("td", "num", String(lineOf(c.start))));
      var td = el("td");
      td.appendChild(chipsFor([c]));
      tr.appendChild(td);
      var before = el("td", "code"), after = el("td", "code");
      before.appendChild(el("del", "hl", shown(c.before)));
      if (c.after) after.appendChild(el("ins", "hl", shown(c.after)));
      else after.appendChild(el("span", "muted", "(removed)"));
      tr.appendChild(before); tr.appendChild(after);
      tr.appendChild(el("td", null, c.reason));
      body.appendChild(tr);
    });
    var list = $("warnings");
    list.textContent = "";
    $("warnings-count").textContent = result.warnings.length;
    if (!result.warnings.length) list.appendChild(el("li", "muted", "No warnings."));
    result.warnings.forEach(function (w) {
      var li = el("li", "warning");
      li.appendChild(chipsFor([{ rule: w.rule, reason: w.message }]));
      li.appendChild(el("span", null, " " + w.message));
      var at = lineOf(w.start);
      if (at) li.appendChild(el("span", "muted", " (line " + at + ")"));
      list.appendChild(li);
    });
    $("tab-warnings").classList.toggle("attention", result.warnings.length > 0);
  }

  function show(result) {
    state.result = result;
    state.rows = buildRows(result.text, result.diff);
    state.expanded = {};
    $("empty").hidden = true;
    $("output").hidden = false;
    $("result-tools").hidden = false;
    $("cleaned").value = result.text;
    renderStats(result);
    renderChanges(result);
    renderDiff();
  }

  // ----------------------------------------------------------------- request
  function inputFormat(text) {
    var chosen = document.querySelector("input[name=format]:checked").value;
    if (chosen !== "auto") return chosen;
    return /^\s*(<!doctype html|<html[\s>]|<(body|article|div|p|head)[\s>])/i.test(text) ? "html" : "text";
  }

  function setError(message) {
    var box = $("error");
    box.hidden = !message;
    box.textContent = message || "";
  }

  function clean(event) {
    if (event) event.preventDefault();
    var text = $("input").value;
    if (!text.trim()) { setError("Paste an article first."); $("input").focus(); return; }
    var format = inputFormat(text), body = {};
    body[format] = text;
    body.profile = $("profile").value;
    var disabled = Array.prototype.filter.call(document.querySelectorAll("input[name=category]"), function (c) { return !c.checked; })
      .map(function (c) { return c.value; });
    if (disabled.length) body.options = { disable: disabled };
    var payload = JSON.stringify(body), limit = +document.body.getAttribute("data-max-bytes") || 0;
    var size = new Blob([payload]).size;
    if (limit && size > limit) {
      setError("The article is too large: " + size.toLocaleString() + " bytes; this server accepts up to " + limit.toLocaleString() + ".");
      return;
    }
    var headers = { "Content-Type": "application/json", "Accept": "application/json" };
    var token = $("token");
    if (token && token.value) headers.Authorization = "Bearer " + token.value;
    setError("");
    $("busy").hidden = false;
    $("clean-button").disabled = true;
    $("status").textContent = "Cleaning…";
    fetch("/v1/clean", { method: "POST", headers: headers, body: payload })
      .then(function (response) {
        return response.json().catch(function () { return { error: { message: "HTTP " + response.status } }; })
          .then(function (data) { return { ok: response.ok, status: response.status, data: data }; });
      })
      .then(function (answer) {
        if (!answer.ok) {
          var e = answer.data && answer.data.error || {};
          setError("Could not clean (" + answer.status + (e.code ? " " + e.code : "") + "): " + (e.message || "unknown error"));
          $("status").textContent = "";
          return;
        }
        state.inputFormat = format;
        show(answer.data);
        var s = answer.data.stats || {};
        $("status").textContent = "Cleaned: " + (s.changes || 0) + " change(s), " + (s.lines_removed || 0) + " line(s) removed.";
      })
      .catch(function (err) { setError("The server could not be reached: " + err.message); $("status").textContent = ""; })
      .then(function () { $("busy").hidden = true; $("clean-button").disabled = false; });
  }

  // ------------------------------------------------------- copy & download
  function download(name, type, content) {
    var url = URL.createObjectURL(new Blob([content], { type: type }));
    var a = el("a");
    a.href = url; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function copy(text, button) {
    function done(ok) {
      var label = button.textContent;
      button.textContent = ok ? "Copied ✓" : "Copy failed";
      setTimeout(function () { button.textContent = label; }, 1400);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallback()); });
    } else done(fallback());
    function fallback() {
      var area = $("cleaned");
      var hidden = $("panel-text").hidden;
      $("panel-text").hidden = false;
      area.focus(); area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      $("panel-text").hidden = hidden;
      button.focus();
      return ok;
    }
  }

  // --------------------------------------------------------------- tabs
  function selectTab(tab) {
    var tabs = document.querySelectorAll("[role=tab]");
    Array.prototype.forEach.call(tabs, function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute("aria-controls")).hidden = !on;
    });
  }

  function initTabs() {
    var tabs = Array.prototype.slice.call(document.querySelectorAll("[role=tab]"));
    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { selectTab(tab); });
      tab.addEventListener("keydown", function (e) {
        var k = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
        if (e.key === "Home") k = -i; else if (e.key === "End") k = tabs.length - 1 - i;
        if (!k) return;
        e.preventDefault();
        var next = tabs[(i + k + tabs.length) % tabs.length];
        selectTab(next); next.focus();
      });
    });
  }

  function updateInputMeta() {
    var text = $("input").value;
    $("input-size").textContent = text.length.toLocaleString() + " characters";
    $("input-kind").textContent = text.trim() ? "detected: " + inputFormat(text) : "";
  }

  // ------------------------------------------------------------------- init
  function init() {
    $("clean-form").addEventListener("submit", clean);
    $("input").addEventListener("input", updateInputMeta);
    Array.prototype.forEach.call(document.querySelectorAll("input[name=format]"), function (r) { r.addEventListener("change", updateInputMeta); });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) clean(e);
    });
    $("clear-input").addEventListener("click", function () { $("input").value = ""; updateInputMeta(); $("input").focus(); });
    $("open-file").addEventListener("click", function () { $("file-input").click(); });
    $("file-input").addEventListener("change", function () {
      var file = this.files && this.files[0];
      if (!file) return;
      file.text().then(function (text) { $("input").value = text; updateInputMeta(); });
    });
    Array.prototype.forEach.call(document.querySelectorAll("input[name=diff-mode]"), function (r) {
      r.addEventListener("change", function () { state.mode = this.value; if (state.result) renderDiff(); });
    });
    $("show-all").addEventListener("change", function () { if (state.result) renderDiff(); });
    $("copy-text").addEventListener("click", function () { if (state.result) copy(state.result.text, this); });
    $("download-text").addEventListener("click", function () { if (state.result) download("article.cleaned.txt", "text/plain;charset=utf-8", state.result.text); });
    $("download-diff").addEventListener("click", function () { if (state.result) download("article.diff", "text/x-diff;charset=utf-8", state.result.diff); });
    $("download-json").addEventListener("click", function () {
      if (state.result) download("article.clean.json", "application/json", JSON.stringify(state.result, null, 2));
    });
    initTabs();
    updateInputMeta();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
