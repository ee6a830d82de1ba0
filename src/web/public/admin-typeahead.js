// Typeahead for the newsroom's name fields (tags, authors, front-page articles): as a field
// marked data-typeahead is typed, its <datalist> is filled from the JSON endpoint the attribute
// names. Without JavaScript the fields are plain text (comma-separated where they take several).
(function () {
  'use strict';
  var inputs = document.querySelectorAll('input[data-typeahead]');
  Array.prototype.forEach.call(inputs, function (input) {
    var list = input.list;
    var url = input.getAttribute('data-typeahead');
    var multi = input.hasAttribute('data-typeahead-multi');
    var valueKey = input.getAttribute('data-typeahead-value') || 'name';
    if (!list || !url) return;
    var timer;
    var asked = '';
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var parts = multi ? input.value.split(',') : [input.value];
        var term = parts.pop().trim();
        var chosen = parts.map(function (p) { return p.trim(); }).filter(Boolean);
        var prefix = chosen.length ? chosen.join(', ') + ', ' : '';
        if (!term || term === asked) return;
        asked = term;
        fetch(url + '?q=' + encodeURIComponent(term), { credentials: 'same-origin', headers: { accept: 'application/json' } })
          .then(function (res) { return res.ok ? res.json() : { items: [] }; })
          .then(function (json) {
            if (asked !== term) return; // a later keystroke asked again
            list.textContent = '';
            (json.items || []).forEach(function (item) {
              if (multi && chosen.indexOf(item.name) !== -1) return;
              var option = document.createElement('option');
              option.value = multi ? prefix + item.name : String(item[valueKey]);
              option.label = item.name + (item.articles !== undefined ? ' (' + item.articles + ')' : '');
              list.appendChild(option);
            });
          }, function () { /* offline: the field still takes what is typed */ });
      }, 150);
    });
  });
})();
