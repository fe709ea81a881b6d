// The dashboard's data: every number comes from the documented /api/v1/analytics endpoints (same origin, the
// staff's own credentials); every chart is drawn by Chart.js and repeated as a table. Text from the API is only
// ever set as textContent, never as HTML.
(function () {
  'use strict';
  const root = document.getElementById('dashboard');
  const L = JSON.parse(document.getElementById('labels').textContent);
  const f = root.dataset;
  const lang = document.documentElement.lang || 'en';
  const num = (v, digits) => v === null || v === undefined || Number.isNaN(v) ? '–'
      : Number(v).toLocaleString(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const COLORS = { promoter: '#1f9d6b', passive: '#c9a227', detractor: '#d2453b', accent: '#2f6fde' };
  const charts = [];

  function q(params) {
    const search = new URLSearchParams();
    Object.entries(params).forEach(([k, v]) => { if (v) { search.set(k, v); } });
    return search.toString();
  }

  async function api(path, params) {
    const response = await fetch('/api/v1/analytics/' + path + '?' + q(params),
        { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) { throw new Error(path + ': ' + response.status); }
    return response.json();
  }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /** A table: columns [{label, value(row) -> text, numeric, sort(row) -> comparable}], optionally sortable. */
  function table(container, columns, rows, sortable, id) {
    container.replaceChildren();
    if (!rows.length) { container.append(el('p', { class: 'note' }, L.noData)); return; }
    const t = el('table', id ? { id: id } : {});
    const head = el('tr');
    columns.forEach((c, i) => {
      const th = el('th', { scope: 'col', class: c.numeric ? 'num' : '' }, c.label);
      if (sortable && c.sort) {
        th.setAttribute('aria-sort', 'none');
        th.setAttribute('tabindex', '0');
        th.setAttribute('title', L.sortBy + ' ' + c.label);
        const sortNow = () => sortBy(t, columns, rows, i, th);
        th.addEventListener('click', sortNow);
        th.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortNow(); } });
      }
      head.append(th);
    });
    const thead = el('thead');
    thead.append(head);
    t.append(thead);
    t.append(el('tbody'));
    fill(t, columns, rows);
    container.append(t);
  }

  function fill(t, columns, rows) {
    const body = t.tBodies[0];
    body.replaceChildren();
    rows.forEach(row => {
      const tr = el('tr');
      columns.forEach(c => {
        const td = el('td', { class: c.numeric ? 'num' : '' });
        const value = c.value(row);
        if (value instanceof Node) { td.append(value); } else { td.textContent = value; }
        tr.append(td);
      });
      body.append(tr);
    });
  }

  function sortBy(t, columns, rows, index, th) {
    const descending = th.getAttribute('aria-sort') !== 'descending';
    t.querySelectorAll('th[aria-sort]').forEach(h => h.setAttribute('aria-sort', 'none'));
    th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    const key = columns[index].sort;
    const sorted = rows.slice().sort((a, b) => {
      const x = key(a), y = key(b);
      if (x === y) { return 0; }
      if (x === null || x === undefined) { return 1; }
      if (y === null || y === undefined) { return -1; }
      return (x < y ? -1 : 1) * (descending ? -1 : 1);
    });
    fill(t, columns, sorted);
  }

  function chart(id, config) {
    if (typeof Chart === 'undefined') { return; }
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { legend: { position: 'bottom' } } }, config.options || {});
    charts.push(new Chart(document.getElementById(id), config));
  }

  function failed(container, error) {
    container.replaceChildren(el('p', { class: 'note' }, L.failed + ': ' + error.message));
  }

  async function trend() {
    const data = await api('scores', { surveyId: f.survey, from: f.from, to: f.to, groupBy: f.granularity });
    const metric = data.metric;
    const o = data.overall;
    document.getElementById('overall-score').textContent = o.score === null ? '–'
        : num(o.score, metric === 'CES' ? 2 : 1) + (o.marginOfError === null ? '' : ' ± ' + num(o.marginOfError, 1));
    document.getElementById('overall-detail').textContent = metric + ' · n = ' + o.responses
        + (o.lowSample ? ' · ⚠ ' + L.lowSample : '');
    const groups = data.groups;
    const labels = groups.map(g => g.key);
    chart('trend-chart', {
      type: 'line',
      data: { labels: labels, datasets: [
        { label: L.low, data: groups.map(g => g.interval ? g.interval[0] : null), borderWidth: 0, pointRadius: 0,
          backgroundColor: 'rgba(47,111,222,0.15)', fill: false },
        { label: L.high, data: groups.map(g => g.interval ? g.interval[1] : null), borderWidth: 0, pointRadius: 0,
          backgroundColor: 'rgba(47,111,222,0.15)', fill: '-1' },
        { label: L.score + ' (' + metric + ')', data: groups.map(g => g.score), borderColor: COLORS.accent,
          backgroundColor: COLORS.accent, tension: 0.25, fill: false }
      ] },
      options: { scales: { y: metric === 'NPS' ? { suggestedMin: -100, suggestedMax: 100 } : {} } }
    });
    table(document.getElementById('trend-table'), [
      { label: L.period, value: g => g.key },
      { label: L.responses, value: g => g.responses, numeric: true },
      { label: L.score, value: g => num(g.score, 1), numeric: true },
      { label: L.margin, value: g => num(g.marginOfError, 1), numeric: true },
      { label: L.interval, value: g => g.interval ? num(g.interval[0], 1) + ' – ' + num(g.interval[1], 1) : '–',
        numeric: true }
    ], groups, false, 'trend-data');

    let bandSets;
    let bandColumns;
    if (metric === 'NPS') {
      bandSets = [['promoters', COLORS.promoter], ['passives', COLORS.passive], ['detractors', COLORS.detractor]];
    } else if (metric === 'CSAT') {
      groups.forEach(g => { g.notSatisfied = g.responses - g.satisfied; });
      bandSets = [['satisfied', COLORS.promoter], ['notSatisfied', COLORS.detractor]];
    } else {
      bandSets = [];
    }
    chart('bands-chart', {
      type: 'bar',
      data: { labels: labels, datasets: bandSets.map(([k, c]) => ({ label: L[k], data: groups.map(g => g[k]),
        backgroundColor: c })) },
      options: { scales: { x: { stacked: true }, y: { stacked: true } } }
    });
    bandColumns = [{ label: L.period, value: g => g.key }].concat(bandSets.map(([k]) =>
        ({ label: L[k], value: g => g[k], numeric: true })));
    table(document.getElementById('bands-table'), bandColumns, bandSets.length ? groups : [], false, 'bands-data');
  }

  async function segments() {
    const data = await api('scores', { surveyId: f.survey, from: f.from, to: f.to, groupBy: f.dimension,
      compare: 'previous' });
    const mark = g => {
      const span = el('span');
      if (g.significant) { span.append(el('span', { class: 'sig', title: L.significant }, '★ ')); }
      if (g.lowSample) { span.append(el('span', { class: 'low', title: L.lowSample }, '⚠ ')); }
      span.append(document.createTextNode(g.key));
      return span;
    };
    const change = g => {
      if (g.change === null || g.change === undefined) { return '–'; }
      return el('span', { class: g.change > 0 ? 'up' : g.change < 0 ? 'down' : '' },
          (g.change > 0 ? '+' : '') + num(g.change, 1));
    };
    table(document.getElementById('segments-table'), [
      { label: L.segment, value: mark, sort: g => g.key },
      { label: L.responses, value: g => g.responses, numeric: true, sort: g => g.responses },
      { label: L.score, value: g => num(g.score, 1), numeric: true, sort: g => g.score },
      { label: L.margin, value: g => num(g.marginOfError, 1), numeric: true, sort: g => g.marginOfError },
      { label: L.interval, value: g => g.interval ? num(g.interval[0], 1) + ' – ' + num(g.interval[1], 1) : '–',
        numeric: true },
      { label: L.change, value: change, numeric: true, sort: g => g.change },
      { label: L.significant, value: g => g.significant ? L.yes : L.no, sort: g => g.significant ? 1 : 0 }
    ], data.groups, true, 'segments');
  }

  async function themes() {
    const data = await api('themes', { surveyId: f.survey, from: f.from, to: f.to });
    const box = document.getElementById('themes');
    box.replaceChildren();
    if (!data.terms.length) { box.append(el('p', { class: 'note' }, L.noData)); return; }
    const list = el('div', { id: 'theme-list' });
    data.terms.slice(0, 8).forEach(t => {
      const item = el('div', { class: 'theme' });
      const head = el('div', { class: 'theme-head' });
      head.append(el('span', { class: 'theme-term', lang: t.locale }, t.term));
      head.append(el('span', { class: 'theme-meta' }, L.count + ' ' + t.count + ' · ' + L.lift + ' ' + num(t.lift, 2)));
      item.append(head);
      t.examples.slice(0, 2).forEach(example => item.append(el('blockquote', { lang: t.locale }, example)));
      list.append(item);
    });
    box.append(list);
  }

  async function followup() {
    const data = await api('followup', { from: f.from, to: f.to });
    const box = document.getElementById('followup');
    box.replaceChildren();
    const pct = v => v === null ? '–' : num(100 * v, 0) + ' %';
    [['opened', data.opened], ['resolved', data.resolved], ['unreachable', data.unreachable],
      ['cancelled', data.cancelled], ['resolvedWithinDueShare', pct(data.resolvedWithinDueShare)],
      ['medianTimeToFirstAttempt', data.medianTimeToFirstAttempt || '–'], ['recoveryRate', pct(data.recoveryRate)]]
        .forEach(([k, v]) => { box.append(el('dt', {}, L[k])); box.append(el('dd', {}, v)); });
  }

  async function revenue() {
    const data = await api('revenue', { from: f.from, to: f.to });
    const currencies = [...new Set(data.categories.flatMap(c => Object.keys(c.amounts)))].sort();
    chart('revenue-chart', {
      type: 'bar',
      data: { labels: data.categories.map(c => L[c.category] || c.category), datasets: currencies.map((cur, i) => ({
        label: cur, data: data.categories.map(c => c.amounts[cur] || 0),
        backgroundColor: [COLORS.accent, '#7a8fb8', '#a9b8d6'][i % 3] })) }
    });
    table(document.getElementById('revenue-table'), [
      { label: L.category, value: c => L[c.category] || c.category },
      { label: L.contacts, value: c => c.contacts, numeric: true }
    ].concat(currencies.map(cur => ({ label: L.amounts + ' ' + cur, value: c => num(c.amounts[cur] || 0, 0),
      numeric: true }))), data.categories, false, 'revenue-data');
  }

  function run(name, task, containerId) {
    return task().catch(error => failed(document.getElementById(containerId), error));
  }

  Promise.all([run('trend', trend, 'trend-table'), run('segments', segments, 'segments-table'),
    run('themes', themes, 'themes'), run('followup', followup, 'followup'),
    run('revenue', revenue, 'revenue-table')])
      .then(() => root.setAttribute('data-loaded', 'true'));
})();
