// Depwatch pages work without this script; it adds local dates, in-place results and live progress.
(() => {
  'use strict';

  // Dates arrive in UTC; show them in the reader's own locale and time zone.
  const formatDates = (root) => {
    for (const element of root.querySelectorAll('time[data-local]')) {
      const date = new Date(element.getAttribute('datetime'));
      if (Number.isNaN(date.getTime())) continue;
      const options = element.hasAttribute('data-date-only') ? { dateStyle: 'medium' }
        : element.hasAttribute('data-time-only') ? { timeStyle: 'short' }
        : { dateStyle: 'medium', timeStyle: 'short' };
      element.textContent = date.toLocaleString(undefined, options);
      element.title = date.toISOString();
    }
  };

  const signedOut = (response) => response.redirected && new URL(response.url).pathname === '/login';

  // A button with data-fetch-into submits its form in the background and shows the answer in place,
  // so what was typed into the form (a token, say) stays there.
  document.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-fetch-into]');
    if (!button || !button.form) return;
    event.preventDefault();
    const target = document.getElementById(button.dataset.fetchInto);
    const label = button.textContent;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.textContent = 'Testing…';
    target.innerHTML = '<p class="hint">Working…</p>';
    try {
      const response = await fetch(button.formAction, {
        method: 'POST', body: new FormData(button.form), headers: { 'X-Requested-With': 'fetch' }, credentials: 'same-origin',
      });
      if (signedOut(response)) { window.location.reload(); return; }
      if (!response.ok) {
        target.innerHTML = '';
        const message = document.createElement('div');
        message.className = 'alert alert-error';
        message.textContent = `The server refused the request (HTTP ${response.status}). Reload the page and try again.`;
        target.append(message);
        return;
      }
      target.innerHTML = await response.text();
      formatDates(target);
      target.querySelector('[data-focus-on-load]')?.focus();
    } catch (error) {
      target.textContent = `The request could not be sent: ${error.message}`;
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.textContent = label;
    }
  });

  // A button with data-copy puts the named element's text on the clipboard (a new API key, a command line).
  document.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-copy]');
    if (!button) return;
    const label = button.textContent;
    try {
      await navigator.clipboard.writeText(document.getElementById(button.dataset.copy).textContent.trim());
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select and copy it by hand';
    }
    setTimeout(() => { button.textContent = label; }, 2000);
  });

  // The portfolio tree: a parent's toggle hides or shows every row below it.
  document.addEventListener('click', (event) => {
    const toggle = event.target.closest('button[data-tree-toggle]');
    if (!toggle) return;
    const expand = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(expand));
    toggle.setAttribute('aria-label', toggle.getAttribute('aria-label').replace(expand ? 'Expand' : 'Collapse', expand ? 'Collapse' : 'Expand'));
    const rows = [...toggle.closest('tbody').querySelectorAll('tr[data-project]')];
    const below = new Set([toggle.dataset.treeToggle]);
    for (const row of rows) {
      if (!below.has(row.dataset.parent)) continue;
      below.add(row.dataset.project);
      // Expanding shows the children; deeper rows stay as their own parent's toggle left them.
      const parentRow = rows.find((r) => r.dataset.project === row.dataset.parent);
      const parentToggle = parentRow.querySelector('button[data-tree-toggle]');
      row.hidden = !expand || parentRow.hidden || parentToggle.getAttribute('aria-expanded') === 'false';
    }
  });

  // Forms with data-confirm ask before they do something that cannot be undone.
  document.addEventListener('submit', (event) => {
    const message = event.target.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // "Select every finding on this page": ticks or clears the checkboxes that belong to its form.
  document.addEventListener('change', (event) => {
    const all = event.target.closest('input[data-select-all]');
    if (!all) return;
    for (const box of document.querySelectorAll(`input[type=checkbox][form="${all.dataset.selectAll}"]`)) box.checked = all.checked;
  });

  // Work queued for a BOM upload: follow it, then show the result.
  const followProcessing = (element) => {
    const url = element.dataset.pollUrl;
    const status = element.querySelector('[data-status-text]');
    const poll = async () => {
      try {
        const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
        if (signedOut(response)) { window.location.reload(); return; }
        const state = await response.json();
        if (status && state.text) status.textContent = state.text;
        if (!state.processing) {
          const next = new URL(window.location.href);
          next.searchParams.delete('token');
          window.location.replace(next.toString());
          return;
        }
      } catch {
        // A failed poll is tried again; the page keeps its last known state.
      }
      window.setTimeout(poll, 1000);
    };
    window.setTimeout(poll, 500);
  };

  formatDates(document);
  document.querySelector('[data-focus-on-load]')?.focus();
  document.querySelectorAll('[data-poll-url]').forEach(followProcessing);
})();
