// Draws the stats page's charts with uPlot and sizes its bars; the page itself stays plain HTML.
(function () {
  'use strict';
  var palette = ['#4f46e5', '#0ea5e9', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6'];

  function draw(el) {
    var spec = JSON.parse(el.getAttribute('data-chart'));
    var hourly = spec.step === 'hour';
    var data = [spec.x].concat(spec.series.map(function (s) { return s.values; }));
    var series = [{}].concat(spec.series.map(function (s, i) {
      return { label: s.label, stroke: palette[i % palette.length], width: 2, fill: i === 0 ? 'rgba(79,70,229,0.08)' : undefined, points: { show: spec.x.length < 40 } };
    }));
    var opts = {
      width: el.clientWidth,
      height: 220,
      series: series,
      // Ticks on whole days labelled as dates, or for one day's hours on whole hours labelled as times (UTC, like the rollups).
      axes: [{
        stroke: '#6b7280', grid: { stroke: '#eef0f4' }, incrs: hourly ? [3600, 2 * 3600, 3 * 3600, 6 * 3600] : [86400, 2 * 86400, 7 * 86400, 30 * 86400], space: 50,
        values: function (u, splits) { return splits.map(function (t) { return new Date(t * 1000).toISOString().slice(hourly ? 11 : 5, hourly ? 16 : 10); }); },
      }, { stroke: '#6b7280', grid: { stroke: '#eef0f4' }, size: 48 }],
      scales: { x: { time: true } },
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
    };
    var plot = new uPlot(opts, data, el);
    new ResizeObserver(function () { plot.setSize({ width: el.clientWidth, height: 220 }); }).observe(el);
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-chart]').forEach(draw);
    document.querySelectorAll('[data-share]').forEach(function (bar) { bar.style.width = bar.getAttribute('data-share') + '%'; });
    document.querySelectorAll('[data-autosubmit]').forEach(function (input) {
      input.addEventListener('change', function () { input.form.submit(); });
    });
  });
})();
