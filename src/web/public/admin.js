// The newsroom's progressive JavaScript: live preview, a copy of the form in this browser, and
// autosaves to the server. Without it every form still posts and every page still works.
(function () {
  'use strict';
  var token = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  var form = document.querySelector('form[data-editor]');
  if (!form) return;

  var FIELDS = ['title', 'slug', 'summary', 'body', 'section', 'tags', 'authors', 'coverImageUrl', 'recommendedUntil', 'publishAt'];
  var statusLine = form.querySelector('[data-autosave-status]');
  var preview = form.querySelector('[data-preview]');
  var body = form.elements.namedItem('body');
  var articleId = form.getAttribute('data-article-id');
  var updatedAt = Number(form.getAttribute('data-updated-at')) || 0;
  var storageKey = function () { return 'masthead:draft:' + articleId; };

  function values() {
    var out = {};
    FIELDS.forEach(function (name) {
      var el = form.elements.namedItem(name);
      if (el) out[name] = el.value;
    });
    var rec = form.elements.namedItem('recommended');
    if (rec) out.recommended = rec.checked;
    return out;
  }
  function fill(v) {
    FIELDS.forEach(function (name) {
      var el = form.elements.namedItem(name);
      if (el && typeof v[name] === 'string') el.value = v[name];
    });
    var rec = form.elements.namedItem('recommended');
    if (rec && typeof v.recommended === 'boolean') rec.checked = v.recommended;
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function say(text) { if (statusLine) statusLine.textContent = text; }
  function post(url, data, keepalive) {
    data._csrf = token;
    return fetch(url, {
      method: 'POST', credentials: 'same-origin', keepalive: !!keepalive,
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': token },
      body: JSON.stringify(data),
    }).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok) throw new Error(json.message || ('HTTP ' + res.status));
        return json;
      });
    });
  }

  // Live preview: the server renders with the same Markdown and sanitizer as a save.
  var previewTimer;
  function refreshPreview() {
    if (!preview || !body) return;
    post('/admin/preview', { body: body.value }).then(function (r) { preview.innerHTML = r.html; }, function () {});
  }
  if (body) body.addEventListener('input', function () { clearTimeout(previewTimer); previewTimer = setTimeout(refreshPreview, 300); });
  refreshPreview();

  // A copy of the form in this browser, kept on every keystroke: a crash loses nothing.
  var local = null;
  try { local = JSON.parse(localStorage.getItem(storageKey()) || 'null'); } catch { local = null; }
  var loaded = values();
  var offer = document.querySelector('[data-local-restore]');
  if (local && local.fields && !same(local.fields, loaded) && local.at > updatedAt && offer) {
    offer.hidden = false;
    offer.querySelector('[data-local-restore-button]').addEventListener('click', function () {
      fill(local.fields); offer.hidden = true; dirty = true; refreshPreview(); keepLocal();
    });
    offer.querySelector('[data-local-discard]').addEventListener('click', function () {
      localStorage.removeItem(storageKey()); offer.hidden = true;
    });
  } else if (local) {
    localStorage.removeItem(storageKey());
  }
  function keepLocal() {
    try { localStorage.setItem(storageKey(), JSON.stringify({ at: Date.now(), fields: values() })); } catch { /* storage full or off */ }
  }

  // Autosave to the server a few seconds after typing stops (and at least every 15 s while typing).
  var dirty = false;
  var saving = null;
  var lastSave = Date.now();
  var idleTimer;
  function autosave(keepalive) {
    if (!dirty || saving) return;
    var v = values();
    if (articleId === 'new' && !v.title.trim() && !v.body.trim()) return;
    dirty = false;
    say('Saving…');
    saving = post(form.getAttribute('data-autosave-url'), v, keepalive).then(function (r) {
      lastSave = Date.now();
      if (articleId === 'new') {
        // The draft exists now: this page becomes its editor.
        var oldKey = storageKey();
        articleId = String(r.id);
        form.setAttribute('data-article-id', articleId);
        form.setAttribute('data-autosave-url', r.autosaveUrl);
        form.setAttribute('action', r.saveUrl);
        history.replaceState(null, '', r.editUrl);
        try { localStorage.removeItem(oldKey); } catch { /* ignore */ }
        keepLocal();
      }
      say('Autosaved at ' + new Date(r.savedAt).toLocaleTimeString());
    }, function (err) {
      dirty = true;
      say('Autosave failed (' + err.message + '); your text is kept in this browser.');
    }).then(function () { saving = null; });
  }
  form.addEventListener('input', function () {
    dirty = true;
    keepLocal();
    clearTimeout(idleTimer);
    idleTimer = setTimeout(autosave, 2000);
    if (Date.now() - lastSave > 15000) autosave();
  });
  window.addEventListener('pagehide', function () { autosave(true); });
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') autosave(true); });
  form.addEventListener('submit', function () { dirty = false; clearTimeout(idleTimer); });
})();
