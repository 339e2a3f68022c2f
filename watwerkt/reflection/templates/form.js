/* Reflection tool: answers stay in this browser (localStorage), export/import as JSON,
 * and the profile computed with exactly the rules of watwerkt/reflection/scoring.py.
 * All rule parameters (scale values, 'not applicable', gap and block thresholds, the
 * certainty order, level rules) are read from the embedded questionnaire, never written
 * here. Untrusted text is only ever set with textContent, never as HTML. */
(function () {
  "use strict";
  var Q = JSON.parse(document.getElementById("questionnaire").textContent);
  var UI = JSON.parse(document.getElementById("ui-text").textContent);
  var R = Q.scoring;
  var form = document.getElementById("tool");
  var statusEl = document.getElementById("status");
  var storageKey = "watwerkt:" + Q.id + ":" + Q.version;
  var items = Object.create(null);
  var order = [];
  Q.principles.forEach(function (p) { p.items.forEach(function (i) { items[i.id] = i; order.push(i.id); }); });
  Q.quickscan.blocks.forEach(function (b) { b.items.forEach(function (i) { items[i.id] = i; order.push(i.id); }); });
  var radios = Object.create(null);
  Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]"), function (r) {
    (radios[r.name] = radios[r.name] || []).push(r);
  });
  // Answers from an imported file this form cannot show: kept and exported again. Maps of
  // untrusted keys have no prototype, so a key like "__proto__" is stored like any other.
  var kept = Object.create(null);

  function text(key, params) {
    var s = UI[key];
    Object.keys(params || {}).forEach(function (k) { s = s.split("{" + k + "}").join(String(params[k])); });
    return s;
  }

  function say(message, isError) {
    statusEl.textContent = message;
    statusEl.className = isError ? "error" : "";
  }

  function isText(item) { return item.kind === "open" || item.kind === "need"; }

  function valid(item, value) {
    if (item.kind === "closed") {
      if (typeof value === "number") { return R.scale_values.indexOf(value) >= 0; }
      return item.allow_na && value === R.not_applicable;
    }
    if (item.kind === "choice") {
      return item.options.some(function (o) { return o.value === value; });
    }
    return typeof value === "string";
  }

  function collect() {
    var answers = Object.create(null);
    order.forEach(function (id) {
      var item = items[id];
      if (isText(item)) {
        var area = document.getElementById("t-" + id);
        if (area.value !== "") { answers[id] = area.value; }
        return;
      }
      (radios[id] || []).forEach(function (r) {
        if (!r.checked) { return; }
        answers[id] = (item.kind === "closed" && r.value !== R.not_applicable) ? Number(r.value) : r.value;
      });
    });
    return answers;
  }

  function apply(answers) {
    form.reset();
    kept = Object.create(null);
    var shown = 0;
    Object.keys(answers).forEach(function (id) {
      var item = items[id];
      var value = answers[id];
      if (value === null) { return; }
      if (!item || !valid(item, value)) { kept[id] = value; return; }
      shown += 1;
      if (isText(item)) { document.getElementById("t-" + id).value = value; return; }
      (radios[id] || []).forEach(function (r) { r.checked = r.value === String(value); });
    });
    return shown;
  }

  function allAnswers() {
    var answers = collect();
    Object.keys(kept).forEach(function (id) { if (!(id in answers)) { answers[id] = kept[id]; } });
    return answers;
  }

  function save() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ hash: Q.hash, answers: allAnswers() }));
    } catch (e) {
      say(text("storage_failed"), true);
    }
  }

  /* ---- scoring: the rules of watwerkt.reflection.rules, in the same order of arithmetic */
  function mean(values) {
    if (values.length === 0) { return [null, null]; }
    var sum = 0;
    values.forEach(function (v) { sum += v; });
    var m = sum / values.length;
    return [m, m / R.scale_values[R.scale_values.length - 1] * 100];
  }

  function scorePrinciple(p, answers) {
    var closed = p.items.filter(function (i) { return i.kind === "closed"; });
    var values = [];
    var na = 0;
    var missing = 0;
    closed.forEach(function (i) {
      var a = answers[i.id];
      if (a === R.not_applicable) { na += 1; } else if (typeof a === "number") { values.push(a); } else { missing += 1; }
    });
    var mc = mean(values);
    var status;
    if (values.length > 0) { status = missing === 0 ? "answered" : "partial"; }
    else if (closed.length > 0 && na === closed.length) { status = "not_applicable"; }
    else { status = "unanswered"; }
    return {
      id: p.id, mean: mc[0], coverage: mc[1], n_items: closed.length, n_answered: values.length,
      n_not_applicable: na, n_missing: missing, status: status,
      gap: mc[0] !== null && mc[0] < R.gap_below
    };
  }

  function rank(item, answer) {
    for (var k = 0; k < item.options.length; k += 1) {
      if (item.options[k].value === answer) { return item.options[k].rank; }
    }
    return null;
  }

  function scoreBlock(b, answers) {
    var values = [];
    var answered = 0;
    var met = true;
    b.items.forEach(function (i) {
      var a = answers[i.id];
      if (i.kind === "closed") {
        if (typeof a === "number") { values.push(a); answered += 1; }
        met = met && typeof a === "number" && a >= R.block_met_at;
      } else if (i.kind === "choice") {
        var r = rank(i, a);
        if (r !== null) { answered += 1; }
        met = met && r !== null && r >= 1;
      }
    });
    var mc = mean(values);
    return {
      id: b.id, mean: mc[0], coverage: mc[1], n_items: b.items.length, n_answered: answered,
      n_missing: b.items.length - answered, met: met && b.items.length > 0
    };
  }

  function profile(answers) {
    var principles = Q.principles.map(function (p) { return scorePrinciple(p, answers); });
    var certainty = {};
    var position = {};
    Q.principles.forEach(function (p, k) { certainty[p.id] = p.evidence.certainty; position[p.id] = k; });
    var gaps = principles.filter(function (p) { return p.gap; });
    gaps.sort(function (a, b) {
      var sa = R.certainty_order.indexOf(certainty[a.id]);
      var sb = R.certainty_order.indexOf(certainty[b.id]);
      if (sa !== sb) { return sa - sb; }
      var ca = a.coverage === null ? 0 : a.coverage;
      var cb = b.coverage === null ? 0 : b.coverage;
      if (ca !== cb) { return ca - cb; }
      return position[a.id] - position[b.id];
    });
    var blocks = Q.quickscan.blocks.map(function (b) { return scoreBlock(b, answers); });
    var met = {};
    blocks.forEach(function (b) { met[b.id] = b.met; });
    var evidenceItem = items[Q.quickscan.evidence_item];
    var answer = answers[Q.quickscan.evidence_item];
    var r = rank(evidenceItem, answer);
    var level = null;
    for (var k = 0; k < Q.quickscan.levels.length; k += 1) {
      var rule = Q.quickscan.levels[k];
      var enough = rule.min_evidence_rank === null || (r !== null && r >= rule.min_evidence_rank);
      if (!(enough && rule.blocks.every(function (id) { return met[id]; }))) { break; }
      level = rule.level;
    }
    return {
      principles: principles,
      gaps: gaps.map(function (p) { return p.id; }),
      unanswered: principles.filter(function (p) { return p.status === "unanswered"; }).map(function (p) { return p.id; }),
      quickscan: { blocks: blocks, evidence: r !== null ? answer : null, level: level }
    };
  }

  /* ---- showing the profile: elements and textContent only */
  function cell(row, value) {
    var td = document.createElement("td");
    if (value instanceof Node) { td.appendChild(value); } else { td.textContent = value; }
    row.appendChild(td);
    return td;
  }

  function percent(value) { return value === null ? "–" : Math.round(value) + "%"; }

  function render() {
    var answers = collect();
    var result = profile(answers);
    var names = {};
    var certainty = {};
    Q.principles.forEach(function (p) { names[p.id] = p.name; certainty[p.id] = p.evidence.certainty; });
    var body = document.querySelector("#profile-table tbody");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    result.principles.forEach(function (s) {
      var row = document.createElement("tr");
      row.setAttribute("data-principle", s.id);
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = names[s.id];
      row.appendChild(th);
      var wrap = document.createElement("div");
      var label = document.createElement("div");
      label.textContent = s.status === "not_applicable" ? UI.status_not_applicable
        : (s.coverage === null ? UI.status_unanswered : percent(s.coverage));
      wrap.appendChild(label);
      var bar = document.createElement("div");
      bar.className = "bar";
      bar.setAttribute("aria-hidden", "true");
      var fill = document.createElement("span");
      fill.style.width = (s.coverage === null ? 0 : s.coverage) + "%";
      bar.appendChild(fill);
      wrap.appendChild(bar);
      cell(row, wrap);
      cell(row, text("answered", { answered: s.n_answered, items: s.n_items, na: s.n_not_applicable }));
      cell(row, UI["certainty_" + (certainty[s.id] || "none")]);
      body.appendChild(row);
    });
    var gaps = document.getElementById("gaps");
    while (gaps.firstChild) { gaps.removeChild(gaps.firstChild); }
    result.gaps.forEach(function (id) {
      var li = document.createElement("li");
      var s = result.principles.filter(function (p) { return p.id === id; })[0];
      li.textContent = text("gap_line", {
        name: names[id], coverage: percent(s.coverage), certainty: UI["certainty_" + (certainty[id] || "none")]
      });
      gaps.appendChild(li);
    });
    if (result.gaps.length === 0) {
      var none = document.createElement("li");
      none.textContent = UI.no_gaps;
      gaps.appendChild(none);
    }
    document.getElementById("qs-level").textContent = result.quickscan.level === null
      ? UI.no_level : text("level", { level: Q.quickscan.level_names[result.quickscan.level] });
    document.getElementById("profile").setAttribute("data-profile", JSON.stringify(result));
  }

  /* ---- export and import of the answers file */
  function exportAnswers() {
    var data = {
      format: "watwerkt-reflection-answers",
      format_version: 1,
      tool: { id: Q.id, version: Q.version, hash: Q.hash, lang: Q.lang },
      saved: new Date().toISOString(),
      answers: allAnswers()
    };
    var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = text("file_name", { id: Q.id, version: Q.version });
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    say(text("exported", { file: link.download }), false);
  }

  function importText(name, content) {
    var data;
    try { data = JSON.parse(content); } catch (e) { say(text("import_not_json", { file: name }), true); return; }
    if (data === null || typeof data !== "object" || Array.isArray(data) ||
        data.answers === null || typeof data.answers !== "object" || Array.isArray(data.answers)) {
      say(text("import_no_answers", { file: name }), true);
      return;
    }
    var notes = [];
    var tool = data.tool && typeof data.tool === "object" ? data.tool : {};
    if (tool.id !== Q.id) { notes.push(text("import_other_tool", { got: String(tool.id), expected: Q.id })); }
    else if (tool.version !== Q.version) { notes.push(text("import_other_version", { got: String(tool.version), expected: Q.version })); }
    else if (tool.hash !== Q.hash) { notes.push(UI.import_hash_mismatch); }
    var shown = apply(data.answers);
    var extra = Object.keys(kept).length;
    notes.unshift(text("imported", { file: name, count: shown }));
    if (extra > 0) { notes.push(text("import_kept", { count: extra })); }
    save();
    render();
    say(notes.join(" "), notes.length > 1);
  }

  document.getElementById("export").addEventListener("click", exportAnswers);
  document.getElementById("print").addEventListener("click", function () { window.print(); });
  document.getElementById("clear").addEventListener("click", function () {
    if (!window.confirm(UI.clear_confirm)) { return; }
    apply({});
    try { localStorage.removeItem(storageKey); } catch (e) { /* storage unavailable: nothing stored */ }
    render();
    say(UI.cleared, false);
  });
  document.getElementById("import").addEventListener("change", function (event) {
    var file = event.target.files && event.target.files[0];
    if (!file) { return; }
    var reader = new FileReader();
    reader.onload = function () { importText(file.name, String(reader.result)); event.target.value = ""; };
    reader.onerror = function () { say(text("import_not_json", { file: file.name }), true); };
    reader.readAsText(file);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("change", function (event) {
    if (event.target && event.target.name) { delete kept[event.target.name]; }
    save();
    render();
  });
  form.addEventListener("input", function () { save(); render(); });

  var stored = null;
  try { stored = JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { stored = null; }
  if (stored && stored.answers && typeof stored.answers === "object") {
    apply(stored.answers);
    say(stored.hash === Q.hash ? UI.restored : UI.restored_changed, stored.hash !== Q.hash);
  }
  render();
}());
