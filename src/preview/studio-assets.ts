// The studio's stylesheet and script, served from its own origin so the
// Content-Security-Policy can forbid every inline script and style.

/**
 * Live reload and small conveniences. Plain ES2017 for any browser: the page
 * declares which versions it shows (data-render, data-inbox); the server
 * pushes the current ones over server-sent events, and a difference reloads.
 * EventSource reconnects by itself after a server restart, and the first
 * event after connecting carries the current versions, so a save made while
 * disconnected still refreshes the page.
 */
export const STUDIO_JS = `'use strict';
(function () {
  var body = document.body;
  var live = document.getElementById('live');
  function setLive(text, cls) {
    if (!live) return;
    live.textContent = text;
    live.className = 'live ' + cls;
  }
  if (window.EventSource) {
    var es = new EventSource('/events');
    es.addEventListener('versions', function (e) {
      var v = JSON.parse(e.data);
      setLive('live', 'on');
      var stale = (body.dataset.render && String(v.render) !== body.dataset.render) ||
        (body.dataset.inbox && String(v.inbox) !== body.dataset.inbox);
      if (stale) {
        setLive('reloading…', 'busy');
        window.location.reload();
      }
    });
    es.addEventListener('error', function () {
      setLive('reconnecting…', 'off');
    });
  }
  // Toolbar choices apply at once; the Apply button stays for keyboards and no-JS.
  var form = document.querySelector('form.controls');
  if (form) {
    form.querySelectorAll('select').forEach(function (el) {
      el.addEventListener('change', function () { form.submit(); });
    });
    form.classList.add('auto');
  }
})();
`;

export const STUDIO_CSS = `
:root {
  --ink: #1d1d1f; --muted: #6b6b70; --line: #dedbd3; --paper: #f6f4ef; --panel: #ffffff;
  --accent: #1f4e8c; --ok: #1d7a46; --warn: #a86300; --fail: #b42318;
  --sans: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}
* { box-sizing: border-box; }
html, body { margin: 0; }
body { font: 14px/1.45 var(--sans); color: var(--ink); background: var(--paper); min-height: 100vh; }
a { color: var(--accent); }
.bar { display: flex; align-items: center; gap: 20px; padding: 0 20px; height: 48px; background: #16181d; color: #f2f2f2; }
.brand { font-weight: 700; letter-spacing: .02em; }
.brand small { font-weight: 400; color: #a9abb3; margin-left: 6px; }
.bar nav { display: flex; gap: 4px; }
.bar nav a { color: #cfd1d8; text-decoration: none; padding: 6px 12px; border-radius: 6px; }
.bar nav a.active, .bar nav a:hover { background: #2b2f38; color: #fff; }
.live { margin-left: auto; font-size: 12px; color: #a9abb3; display: flex; align-items: center; gap: 6px; }
.live::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: #777; }
.live.on::before { background: #3ccf7a; }
.live.busy::before { background: #f0b429; }
.live.off::before { background: #e5484d; }
.controls { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 12px 16px; padding: 12px 20px; background: var(--panel); border-bottom: 1px solid var(--line); }
.controls label { display: flex; flex-direction: column; gap: 3px; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.controls select, .controls input { font: 13px var(--sans); color: var(--ink); padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; min-width: 150px; }
.controls select.wide { min-width: 260px; max-width: 360px; }
.controls input { min-width: 0; width: 130px; }
.controls button, .button { font: 600 13px var(--sans); padding: 7px 14px; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
.button.plain { background: #fff; color: var(--accent); }
.controls.auto button { display: none; }
.controls .hint { font-size: 11px; color: var(--muted); align-self: center; max-width: 220px; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 320px; gap: 20px; padding: 20px; align-items: start; }
.stage { min-width: 0; }
.tabs { display: flex; gap: 2px; margin-bottom: 12px; background: #e9e6df; padding: 3px; border-radius: 8px; width: max-content; }
.tabs a { padding: 6px 14px; border-radius: 6px; text-decoration: none; color: var(--muted); font-weight: 600; font-size: 13px; }
.tabs a.active { background: #fff; color: var(--ink); box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.envelope { background: var(--panel); border: 1px solid var(--line); border-radius: 10px 10px 0 0; padding: 12px 16px; border-bottom: 0; }
.envelope .subject { font-size: 17px; font-weight: 650; margin-bottom: 4px; }
.envelope .pre { color: var(--muted); font-size: 13px; }
.envelope .who { color: var(--muted); font-size: 12px; margin-top: 6px; }
.notice { background: #fff8e6; border: 1px solid #f1d38a; color: #6b4a00; padding: 8px 12px; border-radius: 8px; margin-bottom: 12px; font-size: 13px; }
.frame { background: #e4e1da; border: 1px solid var(--line); border-radius: 0 0 10px 10px; display: flex; justify-content: center; padding: 0; }
.frame iframe { display: block; border: 0; background: #fff; }
.frame.desktop iframe { width: 100%; height: calc(100vh - 250px); min-height: 640px; }
.frame.mobile { padding: 28px 0; }
.frame.mobile .phone { width: 399px; padding: 14px 12px 22px; background: #16181d; border-radius: 44px; box-shadow: 0 12px 32px rgba(0,0,0,.25); }
.frame.mobile .phone::before { content: ""; display: block; width: 110px; height: 6px; margin: 2px auto 10px; border-radius: 3px; background: #3a3d45; }
.frame.mobile iframe { width: 375px; height: 740px; border-radius: 4px 4px 28px 28px; }
pre.plain { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 0 0 10px 10px; padding: 18px 22px; font: 13px/1.55 var(--mono); white-space: pre-wrap; overflow-wrap: anywhere; max-height: calc(100vh - 250px); overflow: auto; }
pre.headers { white-space: pre-wrap; overflow-wrap: anywhere; }
.send-test { display: flex; gap: 6px; margin: 0 0 12px; }
.send-test input { flex: 1; min-width: 0; font: 13px var(--sans); padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; }
.send-test button { font: 600 12px var(--sans); padding: 6px 10px; border-radius: 6px; border: 1px solid var(--accent); background: #fff; color: var(--accent); cursor: pointer; }
.checks { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; position: sticky; top: 12px; }
.checks h2, .inbox-list h2 { margin: 0 0 10px; font-size: 12px; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); }
.checks ul { list-style: none; margin: 0; padding: 0; }
.checks li { display: grid; grid-template-columns: 18px 1fr; gap: 2px 8px; padding: 8px 0; border-top: 1px solid #efece6; }
.checks li:first-child { border-top: 0; }
.checks .mark { grid-row: span 2; font-weight: 800; line-height: 1.35; }
.checks .ok .mark { color: var(--ok); }
.checks .warn .mark { color: var(--warn); }
.checks .fail .mark { color: var(--fail); }
.checks .label { font-weight: 650; }
.checks .detail { color: var(--muted); font-size: 12.5px; overflow-wrap: anywhere; }
.checks .summary { font-size: 12.5px; margin: 0 0 8px; }
.problem { background: #fff; border: 1px solid #f0b7b2; border-left: 5px solid var(--fail); border-radius: 10px; padding: 16px 20px; }
.problem h2 { margin: 0 0 6px; color: var(--fail); font-size: 16px; }
.problem .where { font: 600 13px var(--mono); margin-bottom: 8px; overflow-wrap: anywhere; }
.problem .message { font-size: 14px; margin-bottom: 12px; white-space: pre-wrap; }
.problem pre { margin: 0 0 12px; background: #fbf7f6; border-radius: 6px; padding: 8px 0; font: 12.5px/1.5 var(--mono); overflow: auto; }
.problem pre span { display: block; padding: 0 12px; white-space: pre; }
.problem pre span.bad { background: #fde3e1; }
.problem pre b { display: inline-block; width: 3.5em; color: var(--muted); font-weight: 400; }
.inbox { display: grid; grid-template-columns: 380px minmax(0, 1fr); gap: 20px; padding: 20px; align-items: start; }
.inbox-list { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 14px 0 4px; }
.inbox-list h2 { padding: 0 16px; }
.inbox-list p { padding: 0 16px; color: var(--muted); }
.inbox-list ol { list-style: none; margin: 0; padding: 0; max-height: calc(100vh - 150px); overflow: auto; }
.inbox-list li a { display: block; padding: 9px 16px; border-top: 1px solid #efece6; text-decoration: none; color: var(--ink); }
.inbox-list li a.active { background: #eaf0f8; }
.inbox-list li a:hover { background: #f4f2ed; }
.inbox-list .subj { font-weight: 600; display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.inbox-list .meta { font-size: 12px; color: var(--muted); display: flex; justify-content: space-between; gap: 8px; }
.inbox-list .meta span:first-child { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.empty { color: var(--muted); padding: 40px; text-align: center; background: var(--panel); border: 1px dashed var(--line); border-radius: 10px; }
@media (max-width: 980px) { .layout, .inbox { grid-template-columns: 1fr; } .checks { position: static; } }
`;
