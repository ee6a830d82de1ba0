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
    fetch(form.action, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(form)).toString(),
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
})();
