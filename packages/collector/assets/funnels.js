// The funnel form's add / remove buttons for steps and conditions, and a reload while a funnel is being computed.
(function () {
  'use strict';

  function clear(row) {
    row.querySelectorAll('input').forEach(function (input) { input.value = ''; });
    row.querySelectorAll('select').forEach(function (select) { select.selectedIndex = 0; });
  }

  // Field names carry the step's position (steps[2].event): kept in step with the rows on the page.
  function renumber(list) {
    var rows = list.querySelectorAll('[data-step-row]');
    rows.forEach(function (row, i) {
      row.querySelector('[data-step-n]').textContent = String(i + 1);
      row.querySelectorAll('[name^="steps["]').forEach(function (field) {
        field.name = field.name.replace(/^steps\[\d+\]/, 'steps[' + i + ']');
      });
      var event = row.querySelector('input[name$=".event"]');
      if (event) event.setAttribute('aria-label', 'Step ' + (i + 1) + ' event');
    });
    var add = list.parentNode.querySelector('[data-add-step]');
    if (add) add.hidden = rows.length >= Number(list.getAttribute('data-max'));
  }

  function setUpForm(list) {
    var form = list.closest('form');
    form.querySelectorAll('[data-add-step], [data-add-cond]').forEach(function (button) { button.hidden = false; });
    form.addEventListener('click', function (event) {
      var button = event.target.closest('button[type=button]');
      if (!button) return;
      var row = button.closest('[data-step-row]');
      if (button.hasAttribute('data-add-step')) {
        var rows = list.querySelectorAll('[data-step-row]');
        var fresh = rows[rows.length - 1].cloneNode(true);
        fresh.querySelectorAll('[data-cond-row]').forEach(function (cond, i) { if (i > 0) cond.remove(); });
        clear(fresh);
        list.appendChild(fresh);
        renumber(list);
        fresh.querySelector('input').focus();
      } else if (button.hasAttribute('data-remove-step')) {
        if (list.querySelectorAll('[data-step-row]').length > 2) row.remove();
        else clear(row);
        renumber(list);
      } else if (button.hasAttribute('data-add-cond')) {
        var conds = row.querySelector('[data-conds]');
        var cond = conds.querySelector('[data-cond-row]').cloneNode(true);
        clear(cond);
        conds.appendChild(cond);
        cond.querySelector('input').focus();
      } else if (button.hasAttribute('data-remove-cond')) {
        var own = button.closest('[data-cond-row]');
        if (row.querySelectorAll('[data-cond-row]').length > 1) own.remove();
        else clear(own);
      }
    });
    renumber(list);
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-steps]').forEach(setUpForm);
    if (document.querySelector('[data-computing]')) setTimeout(function () { location.reload(); }, 2000);
  });
})();
