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
  // The tool the answers were given with (the answers file's 'tool' block, as
  // watwerkt.reflection.answers reads it): this tool, until a file or stored answers of
  // another version are taken over; any change in the form makes them this tool's again.
  var thisTool = { id: Q.id, version: Q.version, hash: Q.hash, lang: Q.lang };
  var source = thisTool;
  // Characters that do not make an open answer: rules.TEXT_WHITESPACE.
  var NOT_BLANK = /[^ \t\n\r\f\v]/;

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

  // The split of watwerkt.reflection.answers.split_answers: unknown id (whatever the value),
  // null (no answer), invalid value, or a valid answer.
  function split(raw) {
    var parts = { valid: Object.create(null), unknown: Object.create(null), invalid: Object.create(null) };
    Object.keys(raw).forEach(function (id) {
      var item = items[id];
      var value = raw[id];
      if (!item) { parts.unknown[id] = value; } else if (value === null) { return; }
      else if (valid(item, value)) { parts.valid[id] = value; } else { parts.invalid[id] = value; }
    });
    return parts;
  }

  // The 'tool' block of a file as watwerkt.reflection.answers._check_tool reads it.
  function toolRef(value) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) { return null; }
    if (typeof value.id !== "string" || typeof value.version !== "string" || typeof value.hash !== "string") { return null; }
    var lang = value.lang === undefined ? "nl" : value.lang;
    return { id: value.id, version: value.version, hash: value.hash, lang: (lang === "nl" || lang === "en") ? lang : "nl" };
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
      if (!item || (value !== null && !valid(item, value))) { kept[id] = value; return; }
      if (value === null) { return; }
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
      localStorage.setItem(storageKey, JSON.stringify({
        hash: Q.hash, tool: source, saved: new Date().toISOString(), answers: allAnswers()
      }));
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

  function texts(list, kind, answers) {
    var found = [];
    list.forEach(function (i) {
      var a = answers[i.id];
      if (i.kind === kind && typeof a === "string" && NOT_BLANK.test(a)) { found.push(a); }
    });
    return found;
  }

  function scorePrinciple(p, answers, invalid) {
    var closed = p.items.filter(function (i) { return i.kind === "closed"; });
    var values = [];
    var na = 0;
    var missing = 0;
    var bad = 0;
    closed.forEach(function (i) {
      var a = answers[i.id];
      if (i.id in invalid) { bad += 1; } else if (a === R.not_applicable) { na += 1; }
      else if (typeof a === "number") { values.push(a); } else { missing += 1; }
    });
    var mc = mean(values);
    var status;
    if (values.length > 0) { status = (missing === 0 && bad === 0) ? "answered" : "partial"; }
    else if (closed.length > 0 && na === closed.length) { status = "not_applicable"; }
    else { status = "unanswered"; }
    return {
      id: p.id, name: p.name, certainty: p.evidence.certainty, mean: mc[0], coverage: mc[1],
      n_items: closed.length, n_answered: values.length, n_not_applicable: na, n_missing: missing,
      n_invalid: bad, status: status, gap: mc[0] !== null && mc[0] < R.gap_below,
      practice: texts(p.items, "open", answers), needs: texts(p.items, "need", answers),
      suggestions: p.suggestions
    };
  }

  function rank(item, answer) {
    for (var k = 0; k < item.options.length; k += 1) {
      if (item.options[k].value === answer) { return item.options[k].rank; }
    }
    return null;
  }

  function scoreBlock(b, answers, invalid) {
    var values = [];
    var answered = 0;
    var bad = 0;
    var met = true;
    b.items.forEach(function (i) {
      var a = answers[i.id];
      if (i.id in invalid) {
        bad += 1;
        met = false;
      } else if (i.kind === "closed") {
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
      id: b.id, name: b.name, mean: mc[0], coverage: mc[1], n_items: b.items.length,
      n_answered: answered, n_missing: b.items.length - answered - bad, n_invalid: bad,
      met: met && b.items.length > 0
    };
  }

  // The whole profile (watwerkt.reflection.model.Profile), every field, from raw answers.
  function profile(raw, from) {
    var parts = split(raw);
    var answers = parts.valid;
    var principles = Q.principles.map(function (p) { return scorePrinciple(p, answers, parts.invalid); });
    var position = {};
    Q.principles.forEach(function (p, k) { position[p.id] = k; });
    var gaps = principles.filter(function (p) { return p.gap; });
    gaps.sort(function (a, b) {
      var sa = R.certainty_order.indexOf(a.certainty);
      var sb = R.certainty_order.indexOf(b.certainty);
      if (sa !== sb) { return sa - sb; }
      var ca = a.coverage === null ? 0 : a.coverage;
      var cb = b.coverage === null ? 0 : b.coverage;
      if (ca !== cb) { return ca - cb; }
      return position[a.id] - position[b.id];
    });
    var blocks = Q.quickscan.blocks.map(function (b) { return scoreBlock(b, answers, parts.invalid); });
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
    var missing = 0;
    principles.forEach(function (p) { missing += p.n_missing; });
    blocks.forEach(function (b) { missing += b.n_missing; });
    var nInvalid = Object.keys(parts.invalid).length;
    var nUnknown = Object.keys(parts.unknown).length;
    var foreign = from === null || from.id !== Q.id || from.version !== Q.version || from.hash !== Q.hash;
    return {
      tool: thisTool,
      answers_tool: from,
      principles: principles,
      gaps: gaps.map(function (p) { return p.id; }),
      unanswered: principles.filter(function (p) { return p.status === "unanswered"; }).map(function (p) { return p.id; }),
      quickscan: { blocks: blocks, evidence: r !== null ? answer : null, level: level },
      unknown_answers: parts.unknown,
      invalid_answers: parts.invalid,
      n_missing: missing,
      n_invalid: nInvalid,
      n_unknown: nUnknown,
      partial: missing > 0 || nInvalid > 0 || nUnknown > 0 || foreign
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

  function nowrap(value) {
    var span = document.createElement("span");
    span.className = "nowrap";
    span.textContent = value;
    return span;
  }

  function render() {
    var result = profile(allAnswers(), source);
    var body = document.querySelector("#profile-table tbody");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    result.principles.forEach(function (s) {
      var row = document.createElement("tr");
      row.setAttribute("data-principle", s.id);
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = s.name;
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
      // Two unbreakable parts ("0 van 2", "(n.v.t.: 0)"): the cell wraps between them or not at all.
      var counts = document.createElement("span");
      counts.appendChild(nowrap(text("answered", { answered: s.n_answered, items: s.n_items })));
      counts.appendChild(document.createTextNode(" "));
      counts.appendChild(nowrap(text("answered_na", { na: s.n_not_applicable })));
      cell(row, counts).className = "counts";
      cell(row, UI["certainty_" + (s.certainty || "none")]);
      body.appendChild(row);
    });
    var gaps = document.getElementById("gaps");
    while (gaps.firstChild) { gaps.removeChild(gaps.firstChild); }
    result.gaps.forEach(function (id) {
      var li = document.createElement("li");
      var s = result.principles.filter(function (p) { return p.id === id; })[0];
      li.textContent = text("gap_line", {
        name: s.name, coverage: percent(s.coverage), certainty: UI["certainty_" + (s.certainty || "none")]
      });
      gaps.appendChild(li);
    });
    if (result.gaps.length === 0) {
      var none = document.createElement("li");
      none.textContent = UI.no_gaps;
      gaps.appendChild(none);
    }
    var partial = document.getElementById("partial");
    var notes = [];
    if (result.partial) {
      notes.push(text("partial", { missing: result.n_missing, invalid: result.n_invalid, unknown: result.n_unknown }));
      if (result.answers_tool === null) { notes.push(UI.partial_no_tool); }
      else if (result.answers_tool.id !== Q.id || result.answers_tool.version !== Q.version || result.answers_tool.hash !== Q.hash) {
        notes.push(text("partial_other_tool", { id: result.answers_tool.id, version: result.answers_tool.version }));
      }
    }
    partial.textContent = notes.join(" ");
    partial.hidden = notes.length === 0;
    document.getElementById("qs-level").textContent = result.quickscan.level === null
      ? UI.no_level : text("level", { level: Q.quickscan.level_names[result.quickscan.level] });
    document.getElementById("profile").setAttribute("data-profile", JSON.stringify(result));
  }

  /* ---- export and import of the answers file */
  // The answers file of 'answers' given with tool 'ref' (no 'tool' block when that is unknown:
  // the file then says as little as the one they came from).
  function download(answers, ref) {
    var data = { format: "watwerkt-reflection-answers", format_version: 1 };
    if (ref !== null) { data.tool = ref; }
    data.saved = new Date().toISOString();
    data.answers = answers;
    var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = text("file_name", { id: Q.id, version: ref !== null && ref.id === Q.id ? ref.version : Q.version });
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    return link.download;
  }

  function exportAnswers() {
    say(text("exported", { file: download(allAnswers(), source) }), false);
  }

  // Fill the form with 'answers' given with tool 'from'; return notes on what did not fit.
  function takeOver(answers, from) {
    var notes = [];
    if (from === null) { notes.push(UI.partial_no_tool); }
    else if (from.id !== Q.id) { notes.push(text("import_other_tool", { got: from.id, expected: Q.id })); }
    else if (from.version !== Q.version) { notes.push(text("import_other_version", { got: from.version, expected: Q.version })); }
    else if (from.hash !== Q.hash) { notes.push(UI.import_hash_mismatch); }
    var shown = apply(answers);
    source = from;
    var extra = Object.keys(kept).length;
    if (extra > 0) { notes.push(text("import_kept", { count: extra })); }
    return { shown: shown, notes: notes };
  }

  function importText(name, content) {
    var data;
    try { data = JSON.parse(content); } catch (e) { say(text("import_not_json", { file: name }), true); return; }
    if (data === null || typeof data !== "object" || Array.isArray(data) ||
        data.answers === null || typeof data.answers !== "object" || Array.isArray(data.answers)) {
      say(text("import_no_answers", { file: name }), true);
      return;
    }
    var done = takeOver(data.answers, toolRef(data.tool));
    save();
    render();
    say([text("imported", { file: name, count: done.shown })].concat(done.notes).join(" "), done.notes.length > 0);
  }

  function edited(event) {
    if (event.target && event.target.name) { delete kept[event.target.name]; }
    source = thisTool;  // answered in this form: the answers are this tool's now
    save();
    render();
  }

  document.getElementById("export").addEventListener("click", exportAnswers);
  document.getElementById("print").addEventListener("click", function () { window.print(); });
  document.getElementById("clear").addEventListener("click", function () {
    if (!window.confirm(UI.clear_confirm)) { return; }
    apply({});
    source = thisTool;
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
  form.addEventListener("change", edited);
  form.addEventListener("input", edited);

  /* ---- answers kept in this browser, per tool id and version */
  function readStored(key) {
    var value = null;
    try { value = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { value = null; }
    if (value === null || typeof value !== "object" || value.answers === null ||
        typeof value.answers !== "object" || Array.isArray(value.answers)) { return null; }
    return value;
  }

  // Stored answers carry the tool they were given with; older ones only the hash.
  function storedRef(value, version) {
    if ("tool" in value) { return toolRef(value.tool); }
    return { id: Q.id, version: version, hash: String(value.hash), lang: Q.lang };
  }

  // Answers another version of this tool left in this browser: offered, never filled in
  // silently and never removed (take over, or save as a file).
  function offerOlder() {
    var prefix = "watwerkt:" + Q.id + ":";
    var keys = [];
    try {
      for (var k = 0; k < localStorage.length; k += 1) {
        var key = localStorage.key(k);
        if (key !== null && key.indexOf(prefix) === 0 && key !== storageKey) { keys.push(key); }
      }
    } catch (e) { return; }
    keys.sort();
    var box = document.getElementById("older");
    keys.forEach(function (key) {
      var value = readStored(key);
      if (value === null) { return; }
      var ref = storedRef(value, key.slice(prefix.length));
      var p = document.createElement("p");
      p.setAttribute("data-version", ref.version);
      p.appendChild(document.createTextNode(text("older_found", { version: ref.version, count: Object.keys(value.answers).length }) + " "));
      var use = document.createElement("button");
      use.type = "button";
      use.className = "secondary take-over";
      use.textContent = UI.older_take_over;
      use.addEventListener("click", function () {
        var done = takeOver(value.answers, ref);
        save();
        render();
        say([text("older_taken", { version: ref.version, count: done.shown })].concat(done.notes).join(" "), true);
        box.hidden = true;
      });
      var keep = document.createElement("button");
      keep.type = "button";
      keep.className = "secondary save-older";
      keep.textContent = UI.older_save;
      keep.addEventListener("click", function () { say(text("exported", { file: download(value.answers, ref) }), false); });
      p.appendChild(use);
      p.appendChild(document.createTextNode(" "));
      p.appendChild(keep);
      box.appendChild(p);
      box.hidden = false;
    });
  }

  var stored = readStored(storageKey);
  if (stored !== null) {
    var restored = takeOver(stored.answers, storedRef(stored, Q.version));
    say(stored.hash === Q.hash ? UI.restored : [UI.restored_changed].concat(restored.notes).join(" "), stored.hash !== Q.hash);
  } else {
    offerOlder();
  }
  render();
}());
