/**
 * The review page's script (inline, no dependencies): a check selected lights its cells and scrolls to the
 * first; a cell selected shows what was read and the checks naming it. Every control is a <button>, so
 * Tab, Enter and Space work as everywhere; Escape clears the selection.
 */
export const REVIEW_JS = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('review-data').textContent);
  var checks = new Map(data.checks.map(function (c) { return [c.id, c]; }));
  var cells = new Map(data.cells.map(function (c) { return [c.path, c]; }));
  var drawn = new Map();
  document.querySelectorAll('.cell[data-path]').forEach(function (el) {
    var p = el.getAttribute('data-path');
    if (!drawn.has(p)) drawn.set(p, []);
    drawn.get(p).push(el);
  });
  var details = document.getElementById('details');
  var idle = details.innerHTML;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function field(dl, name, value) {
    if (value === undefined || value === null || value === '') return;
    dl.appendChild(el('dt', {}, name));
    dl.appendChild(el('dd', {}, String(value)));
  }
  function shown(c) {
    if (!c) return 'absent';
    if (c.value !== null) return String(c.value);
    return c.kind;
  }
  function clear() {
    document.querySelectorAll('.lit').forEach(function (e) { e.classList.remove('lit'); });
    document.querySelectorAll('.check[aria-pressed="true"]').forEach(function (e) { e.setAttribute('aria-pressed', 'false'); });
    document.body.classList.remove('focusing');
  }
  function light(paths) {
    var lit = [];
    paths.forEach(function (p) {
      (drawn.get(p) || []).forEach(function (e) { e.classList.add('lit'); lit.push(e); });
    });
    if (lit.length) document.body.classList.add('focusing');
    return lit;
  }
  function refCheck(id) {
    var c = checks.get(id);
    var b = el('button', { type: 'button', class: 'ref v-' + (c && c.severity === 'error' ? c.status : 'pass'), 'data-ref-check': id }, id + ' (' + (c ? c.status : '?') + ')');
    return b;
  }
  function refCell(path) {
    var c = cells.get(path);
    var n = (drawn.get(path) || []).length;
    var b = el('button', { type: 'button', class: 'ref v-' + ((c && c.verdict) || 'none'), 'data-ref-path': path },
      path + ' = ' + shown(c) + (n ? '' : ' (not drawn: no position)'));
    return b;
  }
  function list(items) {
    var ul = el('ul');
    items.forEach(function (i) { var li = el('li'); li.appendChild(i); ul.appendChild(li); });
    return ul;
  }
  function showCheck(c) {
    details.textContent = '';
    details.appendChild(el('h3', {}, c.id));
    var dl = el('dl');
    field(dl, 'status', c.status + (c.origin ? ' (origin: ' + c.origin + ')' : ''));
    field(dl, 'severity', c.severity);
    field(dl, 'formula', c.formula);
    if (c.left !== null || c.right !== null) field(dl, 'left, right', shownNum(c.left) + ', ' + shownNum(c.right) + (c.delta !== null ? ' (delta ' + c.delta + ')' : ''));
    field(dl, 'if blank = 0', c.ifBlankZero);
    field(dl, 'culprit', c.culprit);
    field(dl, 'message', c.message);
    details.appendChild(dl);
    details.appendChild(el('div', {}, c.cells.length + ' cells:'));
    details.appendChild(list(c.cells.map(refCell)));
  }
  function shownNum(v) { return v === null ? 'unknown' : String(v); }
  function showCell(c) {
    details.textContent = '';
    details.appendChild(el('h3', {}, c.path));
    var dl = el('dl');
    field(dl, 'value', c.value === null ? 'null' : String(c.value));
    field(dl, 'raw text', JSON.stringify(c.raw));
    field(dl, 'kind', c.kind);
    field(dl, 'confidence', c.confidence === undefined ? 'not OCR (read from text)' : c.confidence);
    if (c.reconstructed) field(dl, 'reconstructed', 'yes: inferred, not read');
    field(dl, 'unit', c.unit);
    if (c.page !== undefined) field(dl, 'page', c.page);
    if (c.bbox) field(dl, 'box (pt)', '[' + c.bbox.join(', ') + ']');
    if (c.address) field(dl, 'grid cell', 'table ' + (c.address.table + 1) + ', row ' + (c.address.row + 1) + ', column ' + (c.address.column + 1));
    if (c.offset !== undefined) field(dl, 'text offset', c.offset);
    field(dl, 'checks verdict', c.verdict || 'in no hard check');
    details.appendChild(dl);
    if (c.checks.length) {
      details.appendChild(el('div', {}, 'checks naming it:'));
      details.appendChild(list(c.checks.map(refCheck)));
    }
  }
  function selectCheck(id) {
    var c = checks.get(id);
    if (!c) return;
    clear();
    document.querySelectorAll('.check').forEach(function (b) {
      if (b.getAttribute('data-check') === id) b.setAttribute('aria-pressed', 'true');
    });
    var lit = light(c.cells);
    if (lit[0]) lit[0].scrollIntoView({ block: 'center', inline: 'nearest' });
    showCheck(c);
  }
  function selectCell(path, scroll) {
    var c = cells.get(path);
    if (!c) return;
    clear();
    var lit = light([path]);
    if (scroll && lit[0]) lit[0].scrollIntoView({ block: 'center', inline: 'nearest' });
    showCell(c);
  }
  document.addEventListener('click', function (e) {
    var t = e.target.closest('[data-check],[data-path],[data-ref-check],[data-ref-path]');
    if (!t) return;
    if (t.hasAttribute('data-check')) selectCheck(t.getAttribute('data-check'));
    else if (t.hasAttribute('data-ref-check')) selectCheck(t.getAttribute('data-ref-check'));
    else if (t.hasAttribute('data-path')) selectCell(t.getAttribute('data-path'), false);
    else selectCell(t.getAttribute('data-ref-path'), true);
  });
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    clear();
    details.innerHTML = idle;
  });
  var tags = document.getElementById('show-tags');
  if (tags) tags.addEventListener('change', function () { document.body.classList.toggle('hide-tags', !tags.checked); });
})();
`;
