/**
 * The report's script, run in the reader's browser. It only shows, hides, sorts and highlights elements the
 * page already has, reading their `data-` attributes: it never builds markup, so no document text reaches
 * the HTML parser. Kept as a string (not a function turned to text) so no build step can rewrite it, and
 * allowed by the page's Content-Security-Policy by its hash alone.
 *
 * @module
 */
export const REPORT_SCRIPT = `
(() => {
  'use strict';
  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));
  const itemList = $('#items');
  const entries = itemList ? $$('li', itemList) : [];
  const fieldFilter = $('#field-filter');
  const lowFirst = $('#low-first');
  const shownCount = $('#shown-count');

  function openDocument(id, focusEntry) {
    for (const section of $$('section.document')) section.hidden = section.id !== id;
    for (const button of $$('button.item')) {
      const current = button.dataset.doc === id;
      button.setAttribute('aria-current', current ? 'true' : 'false');
      if (current && focusEntry) button.focus();
      if (current) button.scrollIntoView({ block: 'nearest' });
    }
    history.replaceState(null, '', '#' + id);
  }

  function currentDocument() {
    return $$('section.document').find((section) => !section.hidden);
  }

  function linkedBox(row) {
    return row.dataset.box ? document.getElementById(row.dataset.box) : null;
  }

  function clearMarks(name, root) {
    for (const element of $$('.' + name, root)) element.classList.remove(name);
  }

  function preview(row, on) {
    row.classList.toggle('is-preview', on);
    const box = linkedBox(row);
    if (box) box.classList.toggle('is-preview', on);
  }

  function selectRow(row, scrollTo) {
    const section = row.closest('section.document');
    clearMarks('is-selected', section);
    row.classList.add('is-selected');
    const box = linkedBox(row);
    if (box) {
      box.classList.add('is-selected');
      if (scrollTo === 'box') box.scrollIntoView({ block: 'center', inline: 'nearest' });
    }
    if (scrollTo === 'row') {
      row.scrollIntoView({ block: 'nearest' });
      $('.field-link', row).focus({ preventScroll: true });
    }
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const item = target.closest('button.item');
    if (item) return openDocument(item.dataset.doc, false);
    const box = target.closest('.box');
    if (box) return selectRow(document.getElementById(box.dataset.field), 'row');
    const row = target.closest('tr.field');
    if (row) selectRow(row, 'box');
  });
  for (const row of $$('tr.field')) {
    row.addEventListener('mouseenter', () => preview(row, true));
    row.addEventListener('mouseleave', () => preview(row, false));
    row.addEventListener('focusin', () => preview(row, true));
    row.addEventListener('focusout', () => preview(row, false));
  }
  for (const box of $$('.box')) {
    const row = document.getElementById(box.dataset.field);
    box.addEventListener('mouseenter', () => preview(row, true));
    box.addEventListener('mouseleave', () => preview(row, false));
  }

  // A field query matches a path by substring, with * standing for one path segment (an array index).
  function fieldMatcher(query) {
    const text = query.trim().toLowerCase();
    if (!text) return null;
    const pattern = text.split('*').map((part) => part.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&')).join('[^/]*');
    const expression = new RegExp(pattern);
    return (path) => expression.test(path.toLowerCase());
  }

  function sectionOf(entry) {
    return document.getElementById($('button.item', entry).dataset.doc);
  }

  function applyFilters() {
    const statuses = new Set($$('input[name="status"]:checked').map((input) => input.value));
    const matches = fieldMatcher(fieldFilter ? fieldFilter.value : '');
    let shown = 0;
    for (const entry of entries) {
      const rows = $$('tr.field', sectionOf(entry));
      for (const row of rows) row.hidden = matches !== null && !matches(row.dataset.path);
      const visible = statuses.has(entry.dataset.status) && (matches === null || rows.some((row) => !row.hidden));
      entry.hidden = !visible;
      if (visible) shown += 1;
    }
    if (shownCount) shownCount.textContent = shown + ' of ' + entries.length + ' documents shown';
    const current = currentDocument();
    const currentEntry = current && entries.find((entry) => sectionOf(entry) === current);
    if (currentEntry && currentEntry.hidden) {
      const first = entries.find((entry) => !entry.hidden);
      if (first) openDocument($('button.item', first).dataset.doc, false);
    }
  }

  function byNumber(attribute, missing) {
    return (a, b) => {
      const x = a.dataset[attribute] === '' ? missing : Number(a.dataset[attribute]);
      const y = b.dataset[attribute] === '' ? missing : Number(b.dataset[attribute]);
      return x - y || Number(a.dataset.order) - Number(b.dataset.order);
    };
  }

  function applyOrder() {
    const unsureFirst = lowFirst && lowFirst.checked;
    const order = unsureFirst ? byNumber('sortKey', 2) : byNumber('order', 0);
    itemList.append(...entries.slice().sort(order));
    for (const body of $$('table.fields tbody')) {
      const rows = $$('tr.field', body);
      body.append(...rows.sort(unsureFirst ? byNumber('confidence', 2) : byNumber('order', 0)));
    }
  }

  function step(direction) {
    const visible = $$('li', itemList).filter((entry) => !entry.hidden);
    const current = currentDocument();
    const at = visible.findIndex((entry) => sectionOf(entry) === current);
    const next = visible[at + direction];
    if (next) openDocument($('button.item', next).dataset.doc, true);
  }

  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
    if (event.key === 'Escape') {
      if (typing && event.target.type === 'search') return;
      const section = currentDocument();
      if (section) {
        clearMarks('is-selected', section);
        clearMarks('is-preview', section);
      }
      return;
    }
    if (typing || !itemList) return;
    const inList = event.target instanceof Element && event.target.closest('#items');
    if (event.key === 'j' || (inList && event.key === 'ArrowDown')) step(1);
    else if (event.key === 'k' || (inList && event.key === 'ArrowUp')) step(-1);
    else if (event.key === '/' && fieldFilter) fieldFilter.focus();
    else return;
    event.preventDefault();
  });

  if (itemList) {
    $('#filters').addEventListener('submit', (event) => event.preventDefault());
    $('#filters').addEventListener('input', (event) => {
      if (event.target === lowFirst) applyOrder();
      else applyFilters();
    });
    const wanted = location.hash.slice(1);
    const start = entries.find((entry) => $('button.item', entry).dataset.doc === wanted) || entries[0];
    if (start) openDocument($('button.item', start).dataset.doc, false);
    applyFilters();
  }
})();
`;
