// The newsroom's progressive JavaScript: live preview, a copy of the form in this browser, and
// autosaves to the server. Without it every form still posts and every page still works.
(function () {
  'use strict';
  var token = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  var form = document.querySelector('form[data-editor]');
  if (!form) return;

  var FIELDS = ['title', 'slug', 'summary', 'body', 'section', 'tags', 'authors', 'coverImageUrl', 'coverImageId', 'coverAlt', 'coverCaption', 'recommendedUntil', 'publishAt'];
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

  // Pictures: the cover picker and "insert image" upload through POST /admin/media (the file is
  // the body; the CSRF token travels in a header). Without this script the picker's radio
  // buttons and the address field still work; only uploading needs it.
  Array.prototype.forEach.call(form.querySelectorAll('[data-needs-js]'), function (el) { el.hidden = false; });
  var coverAlt = form.elements.namedItem('coverAlt');
  var coverCaption = form.elements.namedItem('coverCaption');
  var warnings = form.querySelector('[data-alt-warnings]');
  function checkAlt() {
    if (!warnings) return;
    var out = [];
    var cover = form.elements.namedItem('coverImageId');
    if (cover && cover.value && coverAlt && !coverAlt.value.trim()) out.push('The cover image has no alt text: say what it shows, for readers who cannot see it.');
    var bare = body ? (body.value.match(/!\[\s*\]\(/g) || []).length : 0;
    if (bare) out.push((bare === 1 ? 'An image' : bare + ' images') + ' in the body ' + (bare === 1 ? 'has' : 'have') + ' no alt text: write it between the brackets, ![what it shows](…).');
    warnings.textContent = '';
    out.forEach(function (text) {
      var p = document.createElement('p');
      p.className = 'field__warning';
      p.textContent = text;
      warnings.appendChild(p);
    });
  }
  form.addEventListener('change', function (ev) {
    var t = ev.target;
    if (t && t.name === 'coverImageId' && t.checked) {
      if (coverAlt) coverAlt.value = t.getAttribute('data-alt') || '';
      if (coverCaption) coverCaption.value = t.getAttribute('data-caption') || '';
    }
    checkAlt();
  });
  form.addEventListener('input', checkAlt);

  function largest(image) {
    var pool = image.variants.filter(function (v) { return v.format !== 'avif' && v.format !== 'webp'; });
    if (!pool.length) pool = image.variants.filter(function (v) { return v.format === 'webp'; });
    return pool.sort(function (a, b) { return b.width - a.width; })[0];
  }
  function smallest(image) {
    var pool = image.variants.filter(function (v) { return v.format !== 'avif'; });
    return pool.sort(function (a, b) { return a.width - b.width; })[0];
  }
  function upload(file, meta) {
    var q = 'filename=' + encodeURIComponent(file.name) + '&alt=' + encodeURIComponent(meta.alt || '') + '&caption=' + encodeURIComponent(meta.caption || '');
    return fetch('/admin/media?' + q, {
      method: 'POST', credentials: 'same-origin', body: file,
      headers: { 'content-type': file.type || 'application/octet-stream', accept: 'application/json', 'x-csrf-token': token },
    }).then(function (res) {
      return res.json().then(function (json) {
        if (!res.ok) throw new Error(json.message || ('HTTP ' + res.status));
        return json.image;
      });
    });
  }
  function addCoverChoice(image) {
    var list = form.querySelector('[data-cover-choices]');
    var existing = list.querySelector('input[value="' + image.id + '"]');
    if (!existing) {
      var label = document.createElement('label');
      label.className = 'cover-choice';
      label.title = image.filename;
      var input = document.createElement('input');
      input.type = 'radio'; input.name = 'coverImageId'; input.value = String(image.id);
      var thumb = smallest(image);
      var img = document.createElement('img');
      img.src = '/media/' + thumb.name; img.width = thumb.width; img.height = thumb.height; img.alt = '';
      var name = document.createElement('span');
      name.className = 'cover-choice__name';
      name.textContent = image.filename;
      label.appendChild(input); label.appendChild(img); label.appendChild(name);
      var none = list.querySelector('.cover-choice--none');
      list.insertBefore(label, none ? none.nextSibling : list.firstChild);
      existing = input;
    }
    existing.setAttribute('data-alt', image.alt);
    existing.setAttribute('data-caption', image.caption);
    existing.checked = true;
    if (coverAlt) coverAlt.value = image.alt;
    if (coverCaption) coverCaption.value = image.caption;
  }
  function insertIntoBody(image, alt, caption) {
    var v = largest(image);
    var text = '![' + (alt || image.alt).replace(/[\[\]]/g, '') + '](/media/' + v.name + (caption ? ' "' + caption.replace(/"/g, '\u201d') + '"' : '') + ')';
    var start = body.selectionStart || 0, end = body.selectionEnd || 0;
    var before = body.value.slice(0, start), after = body.value.slice(end);
    var block = (before && !/\n\n$/.test(before) ? (/\n$/.test(before) ? '\n' : '\n\n') : '') + text + (after && !/^\n\n/.test(after) ? '\n\n' : '');
    body.value = before + block + after;
    body.selectionStart = body.selectionEnd = before.length + block.length;
  }
  Array.prototype.forEach.call(form.querySelectorAll('input[type=file][data-upload]'), function (input) {
    var kind = input.getAttribute('data-upload');
    var line = form.querySelector('[data-upload-status="' + kind + '"]');
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var meta = kind === 'cover'
        ? { alt: coverAlt ? coverAlt.value : '', caption: coverCaption ? coverCaption.value : '' }
        : { alt: (form.querySelector('[data-insert-alt]') || {}).value || '', caption: (form.querySelector('[data-insert-caption]') || {}).value || '' };
      if (line) { line.textContent = 'Uploading ' + file.name + '…'; line.removeAttribute('role'); }
      upload(file, meta).then(function (image) {
        if (kind === 'cover') addCoverChoice(image);
        else insertIntoBody(image, meta.alt, meta.caption);
        if (line) line.textContent = image.filename + ' uploaded (' + image.width + '×' + image.height + ').';
        input.value = '';
        form.dispatchEvent(new Event('input', { bubbles: true }));
        refreshPreview();
      }, function (err) {
        if (line) { line.setAttribute('role', 'alert'); line.textContent = err.message; }
        input.value = '';
      });
    });
  });

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
