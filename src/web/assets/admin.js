// Gazette newsroom enhancements. Everything works without this file; it adds the live preview,
// slug suggestions, "select all" and a few keyboard shortcuts.

const debounce = (fn, ms) => {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
};

// "Select all" on the moderation desk.
for (const box of document.querySelectorAll('[data-check-all]')) {
  box.closest('label').hidden = false;
  box.addEventListener('change', () => {
    for (const item of document.querySelectorAll(`input[name="${box.dataset.checkAll}"]`)) item.checked = box.checked;
  });
}

// "/" focuses the search box; "n" opens a new article (when not typing).
document.addEventListener('keydown', (event) => {
  const typing = event.target instanceof HTMLElement && event.target.closest('input, textarea, select, [contenteditable]');
  if (typing || event.metaKey || event.ctrlKey || event.altKey) return;
  const target = document.querySelector(`[data-shortcut="${event.key}"]`);
  if (!target) return;
  event.preventDefault();
  if (target instanceof HTMLAnchorElement) target.click();
  else target.focus();
});

// The editor: live preview and a slug that follows the headline until it is edited by hand.
const editor = document.querySelector('form[data-editor]');
if (editor) {
  const headline = editor.querySelector('[name="headline"]');
  const slug = editor.querySelector('[name="slug"]');
  const preview = document.getElementById('preview');
  const token = editor.querySelector('[name="_csrf"]').value;
  const slugify = (text) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/['’"]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80);
  let slugTouched = slug.value !== '' && slug.value !== slugify(headline.value);
  slug.addEventListener('input', () => (slugTouched = slug.value !== ''));
  headline.addEventListener('input', () => {
    if (!slugTouched) slug.value = slugify(headline.value);
  });
  const refresh = debounce(async () => {
    const body = new URLSearchParams();
    for (const name of ['headline', 'dek', 'body']) body.set(name, editor.querySelector(`[name="${name}"]`).value);
    body.set('_csrf', token);
    try {
      const response = await fetch(editor.dataset.preview, { method: 'POST', body, headers: { accept: 'application/json' } });
      if (response.status === 422) {
        // The text could not be formatted (too long, or too slow): say why where the preview would be.
        const data = await response.json();
        const notice = document.createElement('p');
        notice.className = 'preview-notice';
        notice.textContent = data.error.message;
        preview.replaceChildren(notice);
        return;
      }
      if (!response.ok) return;
      const data = await response.json();
      preview.innerHTML = data.html;
      preview.setAttribute('aria-busy', 'false');
    } catch {
      // Offline or the server is restarting: the preview stays as it was.
    }
  }, 300);
  for (const name of ['headline', 'dek', 'body']) editor.querySelector(`[name="${name}"]`).addEventListener('input', refresh);
  // Schedule time shows only when "Schedule" is chosen.
  const when = editor.querySelector('[data-schedule-time]');
  const saveButtons = document.querySelectorAll('[data-save-button]');
  const sync = () => {
    const chosen = editor.querySelector('input[name="status"]:checked');
    if (when) when.hidden = !(chosen && chosen.value === 'scheduled');
    // The button says what saving will do: "Save draft", "Publish", "Schedule".
    if (!chosen) return;
    for (const button of saveButtons) button.textContent = button.dataset[`label${chosen.value[0].toUpperCase()}${chosen.value.slice(1)}`];
  };
  for (const radio of editor.querySelectorAll('input[name="status"]')) radio.addEventListener('change', sync);
  sync();
}
