"""The HTML report's style sheet and script, kept apart from the markup that uses them.

Both are constants: no part of an article or of a model's answer is ever put
into them. The script reads only ``data-spans`` / ``data-span`` attributes,
which hold ids the renderer made from integers, and the page's Content
Security Policy lets it, and only it, run (by its sha256).
"""

from __future__ import annotations

import base64
import hashlib

ARABIC_FONTS = (
    '"Noto Naskh Arabic", "Amiri", "Scheherazade New", "Noto Sans Arabic", "Arial", "Tahoma", sans-serif'
)
"""Fonts installed on the reader's machine that render Arabic; nothing is downloaded."""

CSS = (
    """
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --mark: #fff1a8; --sel: #ffb454;
  --bg: #fff; --soft: #f6f8fa; --warn: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: var(--bg); line-height: 1.5;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1400px; margin: 0 auto; padding: 0 1.2rem 4rem; }
header.top { border-bottom: 1px solid var(--line); padding: .8rem 1.2rem; background: var(--soft); }
header.top h1 { margin: 0; font-size: 1.3rem; }
nav ol { margin: .3rem 0 0; padding-inline-start: 1.2rem; columns: 2; }
h2 { margin: 2.2rem 0 .4rem; padding-bottom: .2rem; border-bottom: 2px solid var(--line); }
h3 { margin: 1.2rem 0 .3rem; font-size: 1.05rem; }
.meta, .muted { color: var(--muted); font-size: .88rem; }
[lang="ar"] { font-family: """
    + ARABIC_FONTS
    + """; }
[lang="ar"][dir="rtl"] { text-align: right; }
div[lang="ar"], p[lang="ar"], li[lang="ar"], td[lang="ar"] { font-size: 1.08rem; line-height: 1.8; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 1.4rem; align-items: start; }
@media (max-width: 900px) { .cols { grid-template-columns: 1fr; } nav ol { columns: 1; } }
.brief { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem; }
.brief h3 { margin-top: .2rem; }
.brief ol { padding-inline-start: 1.4rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .4rem; vertical-align: top; text-align: start; }
th { background: var(--soft); font-weight: 600; }
.source { white-space: pre-wrap; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .9rem;
  max-height: 85vh; overflow: auto; position: sticky; top: .5rem; background: var(--bg); }
mark { background: var(--mark); color: inherit; border-radius: 2px; scroll-margin: 40vh 0; }
mark:target, mark.selected { background: var(--sel); outline: 2px solid #d4700a; }
.item.selected, tr:target, li:target { background: #fff4e0; outline: 2px solid var(--sel); }
a.span { font-size: .82rem; white-space: nowrap; }
.tag { display: inline-block; padding: 0 .35rem; border: 1px solid var(--line); border-radius: 9px;
  font-size: .78rem; color: var(--muted); white-space: nowrap; }
.f-planned, .f-speculated { border-color: #8250df; color: #8250df; }
.f-negated { border-color: #cf222e; color: #cf222e; }
.f-historical { border-color: #59636e; }
.f-en-composed { border-color: #0969da; color: #0969da; }
.f-en-withheld, .unverified, .note { color: var(--warn); }
.f-en-withheld { border-color: var(--warn); }
.english { margin-top: .6rem; }
.warnings { color: var(--warn); font-size: .88rem; }
.warnings li { margin: .15rem 0; }
.claims td:first-child { font-weight: 600; }
.filter { display: none; margin: .3rem 0; padding: .3rem .5rem; width: min(30rem, 100%); }
.js .filter { display: block; }
.hidden { display: none; }
footer { margin-top: 3rem; color: var(--muted); font-size: .82rem; }
"""
).strip()

JS = """
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var chosen = [];
  function clear() {
    chosen.forEach(function (el) { el.classList.remove("selected"); });
    chosen = [];
  }
  function pick(el) { el.classList.add("selected"); chosen.push(el); }
  function parts(id) {
    var out = [], all = document.querySelectorAll("mark[data-span]");
    for (var i = 0; i < all.length; i++) {
      if (all[i].getAttribute("data-span") === id) { out.push(all[i]); }
    }
    return out;
  }
  function citing(id) {
    var out = [], all = document.querySelectorAll("[data-spans]");
    for (var i = 0; i < all.length; i++) {
      if (all[i].getAttribute("data-spans").split(" ").indexOf(id) >= 0) { out.push(all[i]); }
    }
    return out;
  }
  function remember(id) {
    try { history.replaceState(null, "", "#" + id); } catch (e) { /* sandboxed frame */ }
  }
  function selectItem(item, target) {
    var ids = item.getAttribute("data-spans").split(" ");
    clear();
    pick(item);
    ids.forEach(function (id) { parts(id).forEach(pick); });
    var el = document.getElementById(target || ids[0]);
    if (el) { el.scrollIntoView({block: "center", inline: "nearest"}); remember(el.id); }
  }
  function selectSpan(mark) {
    var id = mark.getAttribute("data-span");
    clear();
    parts(id).forEach(pick);
    citing(id).forEach(pick);
  }
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest("a[href^='#']");
    var item = ev.target.closest("[data-spans]");
    if (item && (!link || item.contains(link) && parts(link.getAttribute("href").slice(1)).length)) {
      ev.preventDefault();
      selectItem(item, link ? link.getAttribute("href").slice(1) : null);
      return;
    }
    var mark = ev.target.closest("mark[data-span]");
    if (mark && !link) { selectSpan(mark); }
  });
  function fromHash() {
    var el = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (!el) { return; }
    if (el.hasAttribute("data-spans")) { selectItem(el, el.id); }
    else if (el.hasAttribute("data-span")) { selectSpan(el); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
  var box = document.getElementById("filter");
  if (box) {
    box.addEventListener("input", function () {
      var q = box.value.toLowerCase();
      document.querySelectorAll("#timeline tbody tr").forEach(function (tr) {
        tr.classList.toggle("hidden", q !== "" && tr.textContent.toLowerCase().indexOf(q) < 0);
      });
    });
  }
})();
""".strip()


def script_hash(script: str = JS) -> str:
    """The CSP source that allows exactly this inline script: ``'sha256-…'``."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy() -> str:
    """No network at all; inline styles; only the report's own script runs."""
    return (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src {script_hash()}; base-uri 'none'; form-action 'none'"
    )
