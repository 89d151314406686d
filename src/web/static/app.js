// The console's only script of its own: live updates over server-sent events, confirmations,
// and the report charts. Inline scripts are forbidden by the Content-Security-Policy.
(function () {
  'use strict';

  // Any change to orders (bot, API, another browser, another replica) refreshes the live parts.
  function listen() {
    if (!document.querySelector('[data-live]') || !window.EventSource) return;
    var events = new EventSource('/web/events');
    events.addEventListener('orders', function () {
      document.querySelectorAll('[data-live]').forEach(function (element) {
        window.htmx.trigger(element, 'orders-changed');
      });
    });
  }

  document.addEventListener('submit', function (event) {
    var question = event.target.getAttribute && event.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) event.preventDefault();
  });

  var COLORS = ['#2f6fde', '#e0803a', '#3aa569', '#b04fc4', '#d24b4b', '#7d8a99', '#c9a227'];

  function drawCharts() {
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var spec = JSON.parse(canvas.getAttribute('data-chart'));
      var datasets = spec.series.map(function (series, i) {
        return {
          label: series.label,
          data: series.values,
          backgroundColor: spec.type === 'doughnut' ? COLORS : COLORS[i % COLORS.length],
          borderColor: COLORS[i % COLORS.length],
        };
      });
      new window.Chart(canvas, {
        type: spec.type,
        data: { labels: spec.labels, datasets: datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: spec.type === 'doughnut' || datasets.length > 1 } },
        },
      });
      canvas.setAttribute('data-drawn', '');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    listen();
    if (document.querySelector('canvas[data-chart]')) {
      var script = document.createElement('script');
      script.src = '/web/static/chart.umd.min.js';
      script.onload = drawCharts;
      document.head.appendChild(script);
    }
  });
})();
