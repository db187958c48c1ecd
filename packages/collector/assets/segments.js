// Adds and removes condition rows on the segment form; without it the form's spare row does the same job.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var list = document.querySelector('[data-conditions]');
    var add = document.querySelector('[data-add-condition]');
    if (!list || !add) return;
    // Rows post as cond.<n>.<field>: keep the numbers in order after a row comes or goes.
    function renumber() {
      list.querySelectorAll('[data-cond]').forEach(function (row, i) {
        row.querySelectorAll('[name^="cond."]').forEach(function (input) {
          input.name = input.name.replace(/^cond\.\d+\./, 'cond.' + i + '.');
        });
      });
    }
    function wire(row) {
      var remove = row.querySelector('[data-remove-condition]');
      remove.hidden = false;
      remove.addEventListener('click', function () {
        if (list.querySelectorAll('[data-cond]').length > 1) {
          row.remove();
          renumber();
        }
      });
    }
    var rows = list.querySelectorAll('[data-cond]');
    // The spare row (always last and blank) becomes the template; the button replaces it.
    var spare = rows[rows.length - 1];
    var template = spare.cloneNode(true);
    if (rows.length > 1) spare.remove();
    list.querySelectorAll('[data-cond]').forEach(wire);
    add.hidden = false;
    add.addEventListener('click', function () {
      var row = template.cloneNode(true);
      list.appendChild(row);
      wire(row);
      renumber();
      row.querySelector('select').focus();
    });
  });
})();
