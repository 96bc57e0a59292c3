// Socialsøg's phone page: log in, give a purpose, search (a CPR number or an
// address id goes straight to the family card), the family card, and for the
// secretariat the weekly screening with draft reports. Everything is built
// with textContent — never innerHTML — so report text cannot become markup.
"use strict";

// The concepts' Danish names come with the session, from the service's
// concept dictionary: one table, not a copy here. Roles are shown as the
// reports write them ("sigtet", "vidne").
let CONCEPTS = {};
function learnVocabulary(s) {
  if (s && s.vocabulary) CONCEPTS = Object.fromEntries(s.vocabulary.concepts.map((c) => [c.id, c.label]));
  return s;
}

let session = null;
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function show(id, visible) { $(id).hidden = !visible; }

function message(text) {
  const m = $("message");
  m.textContent = text || "";
  m.hidden = !text;
  if (text) m.focus && m.setAttribute("tabindex", "-1");
}

async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && session) headers["X-CSRF-Token"] = session.csrf;
  const r = await fetch(path, { method, headers, credentials: "same-origin",
                                body: body === undefined ? undefined : JSON.stringify(body) });
  let data = null;
  try { data = await r.json(); } catch (e) { data = null; }
  if (r.status === 401 && path !== "/api/login") { session = null; render(); }
  if (r.status === 428 && session) { session.purpose = ""; render(); }
  if (!r.ok) {
    const problem = data && data.error ? data.error.problem : "Fejl " + r.status;
    const err = new Error(problem);
    err.status = r.status;
    err.data = data;
    throw err;
  }
  return data;
}

// Byte offsets (UTF-8) into text -> text with <mark>s, as DOM nodes.
function marked(text, matches) {
  const frag = document.createDocumentFragment();
  if (!text) return frag;
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  let at = 0;
  for (const m of (matches || []).slice().sort((a, b) => a.start - b.start)) {
    if (m.start < at || m.end > bytes.length) continue;
    frag.append(dec.decode(bytes.slice(at, m.start)));
    frag.append(el("mark", { text: dec.decode(bytes.slice(m.start, m.end)) }));
    at = m.end;
  }
  frag.append(dec.decode(bytes.slice(at)));
  return frag;
}

function conceptBadges(concepts) {
  const box = el("div", { class: "badges" });
  for (const c of concepts || []) {
    const negated = c.polarity && c.polarity !== "affirmed";
    const label = (CONCEPTS[c.concept] || c.concept) + (negated ? " (afkræftet)" : "");
    box.append(el("span", { class: "badge" + (c.concept === "boern-til-stede" ? "" : " risk") + (negated ? " negated" : ""), text: label }));
  }
  return box;
}

function danishDate(iso) {
  if (!iso) return "";
  const [d, t] = iso.split("T");
  const [y, m, day] = d.split("-");
  return day + "." + m + "." + y + (t ? " kl. " + t.slice(0, 5) : "");
}

function render() {
  const loggedIn = !!session;
  show("login", !loggedIn);
  show("who", loggedIn);
  const readsData = loggedIn && (session.may.search || session.may.family || session.may.screen);
  show("purpose", readsData && !session.purpose);
  show("app", readsData && !!session.purpose);
  if (loggedIn) {
    const districts = session.districts === "all" ? "alle kredse" : session.districts.join(", ");
    $("who-name").textContent = session.user + " · " + districts;
    $("purpose-current").textContent = session.purpose || "";
    $("tab-screen").hidden = !session.may.screen;
    $("tabs").hidden = !session.may.screen;  // one view: no tabs
    if (!readsData) message("Din rolle giver ikke adgang til personoplysninger på denne side.");
  }
  if (!loggedIn) $("login-user").focus();
  else if (readsData && !session.purpose) $("purpose-text").focus();
}

async function login(ev) {
  ev.preventDefault();
  message("");
  try {
    session = learnVocabulary(await api("POST", "/api/login", { user: $("login-user").value.trim(), password: $("login-password").value }));
    $("login-password").value = "";
    render();
  } catch (e) {
    message(e.status === 429 ? e.message : "Forkert brugernavn eller adgangskode.");
  }
}

async function logout() {
  try { await api("POST", "/api/logout", {}); } catch (e) { /* logged out either way */ }
  session = null;
  $("results").textContent = "";
  $("family").textContent = "";
  $("flags").textContent = "";
  render();
}

async function setPurpose(ev) {
  ev.preventDefault();
  message("");
  try {
    session = learnVocabulary(await api("POST", "/api/purpose", { purpose: $("purpose-text").value }));
    render();
    $("q").focus();
  } catch (e) { message(e.message); }
}

const CPR = /^\s*(\d{6})-?(\d{4})\s*$/;
const ADDRESS = /^\s*(?:adresse:|address:)?\s*(A-[A-Za-z0-9_-]+)\s*$/i;
// "Vestergade 12, 2. tv": words, then a house number; no query-language syntax.
const ADDRESS_TEXT = /^[^:()"*]*[A-Za-zÆØÅæøåéü][^:()"*]*\s\d{1,3}[A-Za-z]?\b[^:()"*]*$/;

async function search(ev) {
  ev.preventDefault();
  message("");
  const q = $("q").value;
  $("results").textContent = "";
  $("family").textContent = "";
  const cpr = q.match(CPR), address = q.match(ADDRESS);
  try {
    if (cpr) return showFamily(await api("GET", "/api/family?cpr=" + encodeURIComponent(cpr[1] + "-" + cpr[2])));
    if (address) return showFamily(await api("GET", "/api/family?address=" + encodeURIComponent(address[1])));
    if (ADDRESS_TEXT.test(q)) {
      const found = await api("GET", "/api/address?q=" + encodeURIComponent(q));
      if (found.candidates.length === 1)
        return showFamily(await api("GET", "/api/family?address=" + encodeURIComponent(found.candidates[0].address_id)));
      if (found.candidates.length > 1) return showCandidates(found.candidates);
    }
    showResults(await api("GET", "/api/search?limit=20&q=" + encodeURIComponent(q)), q);
  } catch (e) {
    const d = e.data && e.data.error;
    message(d && d.column ? "Fejl ved tegn " + d.column + ": " + d.problem + (d.suggestion ? " — " + d.suggestion : "") : e.message);
  }
}

// Several units match (an apartment block without floor and door): the officer chooses.
function showCandidates(candidates) {
  const box = $("results");
  box.append(el("h3", { text: "Vælg adresse" }));
  const list = el("div", { class: "card", id: "candidates" });
  for (const c of candidates) {
    const b = el("button", { type: "button", class: "secondary candidate", text: c.address_text || c.address_id });
    b.addEventListener("click", async () => {
      $("results").textContent = "";
      try { showFamily(await api("GET", "/api/family?address=" + encodeURIComponent(c.address_id))); }
      catch (e) { message(e.message); }
    });
    list.append(el("div", {}, b, el("span", { class: "muted", text: " " + c.reports + " rapporter, senest " + danishDate(c.last_report) })));
  }
  box.append(list);
}

function showResults(r) {
  const box = $("results");
  box.append(el("h3", { text: (r.total_exact ? "" : "mere end ") + r.total + (r.total === 1 && r.total_exact ? " rapport" : " rapporter") }));
  if (!r.hits.length) box.append(el("p", { class: "muted", text: "Ingen rapporter i dine kredse matcher." }));
  const list = el("div", { class: "card", id: "hits" });
  for (const h of r.hits) {
    const persons = (h.persons || []).map((p) => p.name + " (" + p.role + ")").join(", ");
    list.append(el("article", { class: "hit" },
      el("div", { class: "meta", text: danishDate(h.occurred) + " · " + h.source + " · " + h.district + " · " + h.id }),
      el("div", { class: "title" }, marked(h.title, h.title_matches)),
      el("p", {}, marked(h.snippet, h.snippet_matches)),
      persons ? el("div", { class: "meta", text: persons }) : null,
      conceptBadges(h.concepts)));
  }
  if (r.hits.length) box.append(list);
}

function showFamily(f) {
  const box = $("family");
  const card = el("article", { class: "card", id: "family-card" });
  if (!f.address_id && !f.household.length) {
    card.append(el("h3", { text: "Intet fundet" }),
      el("p", { class: "muted", text: "Personen er ikke tilmeldt en adresse pr. " + danishDate(f.as_of) + ", eller er uden for dine kredse." }));
  } else {
    card.append(el("h3", { text: "Husstand" }),
      el("p", { class: "muted", text: (f.address_text || f.address_id) + " · pr. " + danishDate(f.as_of) }));
    const members = el("ul", { class: "members", id: "household" });
    for (const m of f.household)
      members.append(el("li", { class: m.child ? "child" : "" },
        el("div", {}, el("div", { class: "name", text: m.name }), el("div", { class: "muted", text: m.cpr })),
        el("div", { class: "age" }, m.child ? el("span", { class: "tag", text: "Barn" }) : null, el("span", { text: m.age + " år" }))));
    card.append(members);
    if (!f.household.length) card.append(el("p", { class: "muted", text: "Ingen tilmeldt på adressen den dag." }));
  }
  // Each adult: counts, then their reports, newest first.
  for (const a of f.history || []) {
    const section = el("section", { class: "adult", "aria-label": a.name });
    section.append(el("h3", { text: a.name + " · " + a.cpr }));
    if (a.concepts.length) {
      const table = el("table", { class: "counts" },
        el("thead", {}, el("tr", {}, el("th", { text: "Risiko" }), el("th", { text: "12 mdr." }), el("th", { text: "5 år" }))));
      const body = el("tbody");
      for (const c of a.concepts)
        body.append(el("tr", {}, el("td", { text: CONCEPTS[c.concept] || c.concept }),
          el("td", { class: "n", text: String(c.last_12_months) }), el("td", { class: "n", text: String(c.last_5_years) })));
      table.append(body);
      section.append(table);
    } else {
      section.append(el("p", { class: "muted", text: "Ingen risikoregistreringer som sigtet eller involveret de seneste 5 år." }));
    }
    const timeline = el("ul", { class: "timeline" });
    for (const r of f.reports) {
      const mine = r.persons.filter((p) => p.cpr === a.cpr);
      if (!mine.length) continue;
      const roles = mine.map((p) => p.role).join(", ");
      timeline.append(el("li", {},
        el("div", { class: "meta", text: danishDate(r.occurred) + " · " + roles + " · " + r.id }),
        r.title ? el("div", { class: "title", text: r.title }) : null,
        el("p", {}, marked(r.snippet, r.snippet_matches)),
        conceptBadges(r.concepts)));
    }
    if (timeline.children.length) section.append(timeline);
    card.append(section);
  }
  box.append(card);
}

async function screen(ev) {
  ev.preventDefault();
  message("");
  const box = $("flags");
  box.textContent = "Screener …";
  const asOf = $("screen-date").value;
  try {
    const r = await api("GET", "/api/screen?" + (asOf ? "as_of=" + asOf + "&" : "") + ($("screen-new").checked ? "new=1" : ""));
    box.textContent = "";
    showFlags(r, asOf);
  } catch (e) { box.textContent = ""; message(e.message); }
}

function showFlags(r, asOf) {
  const box = $("flags");
  const prev = r.previous_run ? "Sidste gennemsyn: " + danishDate(r.previous_run.time) : "Ingen tidligere gennemsyn.";
  box.append(el("p", { class: "muted", text: r.flags.length + " husstande pr. " + danishDate(r.as_of) + ". " + prev }));
  for (const f of r.flags) {
    const why = el("ul", { class: "why" });
    for (const d of f.report_details)
      why.append(el("li", { text: danishDate(d.occurred) + " · " + d.roles.join("/") + " · " +
        d.concepts.map((c) => CONCEPTS[c] || c).join(", ") + " · " + d.id + (d.new ? " (ny)" : "") }));
    const q = "cpr=" + encodeURIComponent(f.cpr) + "&address=" + encodeURIComponent(f.address_id) + (asOf ? "&as_of=" + asOf : "");
    box.append(el("article", { class: "card flag" },
      el("h3", {}, f.cpr + " · " + f.address_id + " ", f.new ? el("span", { class: "new", text: "NY" }) : null),
      el("p", { text: "Børn på adressen: " + f.children.join(", ") }),
      el("p", { text: "Mønster: " + f.reports.length + " rapporter inden for " + r.rule.window_days + " dage, senest " + danishDate(f.pattern_date) }),
      why,
      el("div", { class: "actions" },
        el("a", { href: "/api/screen/draft?" + q + "&format=html", target: "_blank", rel: "noopener", text: "Åbn udkast til socialrapport" }),
        el("a", { href: "/api/screen/draft?" + q + "&format=md&download=1", text: "Hent udkast (Markdown)" }))));
  }
  if (r.flags.length) {
    const seen = el("button", { type: "button", class: "secondary", text: "Markér som gennemset" });
    seen.addEventListener("click", async () => {
      try {
        await api("POST", "/api/screen/seen", { as_of: r.as_of, last_batch: r.last_batch, flags: r.flags.length,
                                                new_flags: r.flags.filter((f) => f.new).length });
        seen.textContent = "Gennemset";
        seen.disabled = true;
      } catch (e) { message(e.message); }
    });
    box.append(seen);
  }
}

function tab(ev) {
  const view = ev.target.dataset.view;
  for (const b of document.querySelectorAll("#tabs button")) b.setAttribute("aria-pressed", String(b.dataset.view === view));
  show("search-view", view === "search-view");
  show("screen-view", view === "screen-view");
}

async function start() {
  $("login-form").addEventListener("submit", login);
  $("logout").addEventListener("click", logout);
  $("purpose-form").addEventListener("submit", setPurpose);
  $("purpose-change").addEventListener("click", () => { $("purpose-text").value = session.purpose; session.purpose = ""; render(); });
  $("search-form").addEventListener("submit", search);
  $("screen-form").addEventListener("submit", screen);
  for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", tab);
  try { session = learnVocabulary(await api("GET", "/api/session")); } catch (e) { session = null; }
  render();
}

document.addEventListener("DOMContentLoaded", start);
