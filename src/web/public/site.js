// Progressive enhancement: every feature here also works as a plain form or link without JavaScript.
(function () {
  'use strict';

  // Reactions: post the form in the background and update the count in place.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-reaction')) return;
    event.preventDefault();
    var button = form.querySelector('button');
    var countEl = form.querySelector('[data-reaction-count]');
    if (button) button.disabled = true;
    var body = new URLSearchParams(new FormData(form));
    // Ask for the state the reader sees the button flip to, so a retry or double click cannot undo it.
    if (button) body.set('active', button.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
    fetch(form.action, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
      credentials: 'same-origin',
    })
      .then(function (res) {
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(function (data) {
        if (countEl) countEl.textContent = new Intl.NumberFormat(document.documentElement.lang || undefined).format(data.count);
        if (button) button.setAttribute('aria-pressed', data.active ? 'true' : 'false');
      })
      .catch(function () {
        form.submit(); // fall back to the plain form round-trip
      })
      .finally(function () {
        if (button) button.disabled = false;
      });
  });

  // View beacon: the article HTML may come from any cache (ours, a CDN, the browser), so the page
  // itself reports the view to an endpoint that is never cached, and shows the fresh counts it answers.
  var article = document.querySelector('article[data-article-id]');
  if (article) {
    var viewUrl = '/articles/' + article.getAttribute('data-article-id') + '/views';
    var formatNumber = function (n) {
      return new Intl.NumberFormat(document.documentElement.lang || undefined).format(n);
    };
    var showCounts = function (data) {
      var views = document.querySelector('[data-views]');
      if (views && typeof data.views === 'number') views.textContent = formatNumber(data.views);
      var forms = document.querySelectorAll('form[data-reaction]');
      for (var i = 0; i < forms.length; i++) {
        var kind = forms[i].getAttribute('data-reaction');
        var count = forms[i].querySelector('[data-reaction-count]');
        var button = forms[i].querySelector('button');
        if (count && data.reactions && typeof data.reactions[kind] === 'number') count.textContent = formatNumber(data.reactions[kind]);
        if (button && data.mine) button.setAttribute('aria-pressed', data.mine.indexOf(kind) >= 0 ? 'true' : 'false');
      }
    };
    // This reader's own Recommendation list replaces the shared one, once the view has counted
    // (so the article just read is part of the history it follows).
    var showPersonal = function () {
      var section = document.querySelector('[data-personal-from]');
      var list = section && section.querySelector('[data-recommended-list]');
      if (!list || !window.fetch) return;
      fetch(section.getAttribute('data-personal-from'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (res) { return res.ok ? res.json() : null; })
        .then(function (data) {
          if (!data || !data.personal || typeof data.html !== 'string') return;
          list.innerHTML = data.html; // rendered and escaped by the server, like the page itself
          section.setAttribute('data-personal', 'true');
        })
        .catch(function () {});
    };
    var reportView = function () {
      // Only browsers that reacted somewhere ask for their own reactions (that costs the server a read).
      var url = viewUrl + (/(^|;\s*)mh_reacted=/.test(document.cookie) ? '?mine=1' : '');
      if (window.fetch) {
        fetch(url, { method: 'POST', credentials: 'same-origin', keepalive: true, headers: { Accept: 'application/json' } })
          .then(function (res) { return res.ok ? res.json() : null; })
          .then(function (data) { if (data) showCounts(data); })
          .catch(function () {})
          .then(showPersonal);
      } else if (navigator.sendBeacon) {
        navigator.sendBeacon(url);
      }
    };
    // A prerendered page is not read until it is shown.
    if (document.prerendering) document.addEventListener('prerenderingchange', reportView, { once: true });
    else reportView();
    // Back/forward cache restores run no script: report again (a repeat within the window does not count).
    window.addEventListener('pageshow', function (event) { if (event.persisted) reportView(); });
  }

  // Search suggestions: the header box lists the best few matches as links while the reader types.
  // The form still submits to /search as it does without JavaScript.
  var box = document.getElementById('q');
  if (box && window.fetch) {
    var form = box.form;
    var list = document.createElement('ul');
    list.className = 'search-suggest';
    list.hidden = true;
    list.id = 'q-suggest';
    box.setAttribute('aria-controls', 'q-suggest');
    box.setAttribute('autocomplete', 'off');
    form.appendChild(list);
    var timer = 0;
    var asked = '';
    var show = function (results) {
      list.textContent = '';
      results.slice(0, 5).forEach(function (r) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = new URL(r.url, location.href).pathname; // this site's own page, whatever address it is served at
        a.textContent = r.title; // text only: titles are never parsed as markup here
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = results.length === 0;
    };
    box.addEventListener('input', function () {
      clearTimeout(timer);
      var q = box.value.trim();
      if (q.length < 2) return show([]);
      timer = setTimeout(function () {
        asked = q;
        fetch('/api/search?q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
          .then(function (res) { return res.ok ? res.json() : { results: [] }; })
          .then(function (data) { if (asked === q) show(data.results || []); })
          .catch(function () { show([]); });
      }, 200);
    });
    box.addEventListener('keydown', function (event) { if (event.key === 'Escape') show([]); });
    document.addEventListener('click', function (event) { if (!form.contains(event.target)) show([]); });
  }
})();
