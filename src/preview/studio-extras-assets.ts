// Studio script additions of issue 12, appended to studio.js: keep the mail's
// scroll position across live reloads, and fill in the image check (which
// loads every image, so it runs after the page is shown).
export const STUDIO_EXTRAS_JS = `
(function () {
  'use strict';
  var frame = document.getElementById('mail');
  var key = 'dispatch-scroll:' + location.pathname + location.search;
  if (frame && window.sessionStorage) {
    frame.addEventListener('load', function () {
      var win;
      try { win = frame.contentWindow; win.scrollY; } catch (e) { return; }
      var saved = Number(sessionStorage.getItem(key) || 0);
      if (saved > 0) win.scrollTo(0, saved);
      win.addEventListener('scroll', function () {
        sessionStorage.setItem(key, String(win.scrollY));
      }, { passive: true });
    });
  }
  var item = document.querySelector('li[data-check="image-load"]');
  if (item && window.fetch) {
    var q = location.search;
    fetch('/render/images.json' + q).then(function (r) { return r.ok ? r.json() : null; }).then(function (c) {
      if (!c) return;
      item.className = c.status;
      item.querySelector('.mark').textContent = c.status === 'ok' ? '\\u2713' : c.status === 'warn' ? '!' : '\\u2715';
      item.querySelector('.detail').textContent = c.detail;
    }).catch(function () {});
  }
})();
`;
