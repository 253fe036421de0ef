// Gazette newsroom enhancements. Everything works without this file; it adds the live preview,
// slug suggestions, images pasted or dropped into the text, "select all" and a few keyboard shortcuts.

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
  // The preview is a frame holding the site's own page; its article is replaced in place, so the
  // reader's scroll position in it stays where it was.
  const previewMain = () => preview.contentDocument?.getElementById('preview-main');
  const refresh = debounce(async () => {
    const body = new URLSearchParams();
    for (const name of ['headline', 'dek', 'body']) body.set(name, editor.querySelector(`[name="${name}"]`).value);
    body.set('_csrf', token);
    try {
      const response = await fetch(editor.dataset.preview, { method: 'POST', body, headers: { accept: 'application/json' } });
      const main = previewMain();
      if (!main) return;
      if (response.status === 422) {
        // The text could not be formatted (too long, or too slow): say why where the preview would be.
        const data = await response.json();
        const notice = main.ownerDocument.createElement('p');
        notice.className = 'empty preview-notice';
        notice.textContent = data.error.message;
        main.replaceChildren(notice);
        return;
      }
      if (!response.ok) return;
      const data = await response.json();
      main.innerHTML = data.html;
      preview.setAttribute('aria-busy', 'false');
    } catch {
      // Offline or the server is restarting: the preview stays as it was.
    }
  }, 300);
  for (const name of ['headline', 'dek', 'body']) editor.querySelector(`[name="${name}"]`).addEventListener('input', refresh);

  // "Publish" says "Schedule" once the go-live time is in the future, by the server's clock (the
  // server decides the same way; the browser's own clock may be wrong).
  const serverNow = Date.parse(editor.dataset.now ?? '') || Date.now();
  const loadedAt = performance.now();
  const when = editor.querySelector('[name="publishAt"]');
  const publishButtons = document.querySelectorAll('[data-publish-button]');
  const syncPublish = () => {
    const at = when && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(when.value) ? new Date(`${when.value}:00Z`) : null;
    const later = at !== null && at.getTime() > serverNow + (performance.now() - loadedAt);
    for (const button of publishButtons) button.textContent = later ? button.dataset.labelLater : button.dataset.labelNow;
  };
  when?.addEventListener('input', syncPublish);
  syncPublish();

  enhanceImages(editor, token, refresh);
}

// Images in the text: paste or drop a picture into the article, or use the "Image in the text"
// field; each asks for its description (required), uploads to the media library and inserts its
// Markdown where the cursor is. Without this script the same field uploads with the form.
function enhanceImages(editor, token, refresh) {
  const box = editor.querySelector('[data-inline-image]');
  if (!box) return;
  const textarea = editor.querySelector('[name="body"]');
  const altInput = box.querySelector('[name="alt"]');
  const fileInput = box.querySelector('[name="inlineImage"]');
  const uploadUrl = box.dataset.upload;
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.className = 'hint';
  box.append(status);

  // A small dialog asks for the description of a pasted or dropped picture.
  const dialog = document.createElement('dialog');
  dialog.className = 'image-dialog';
  dialog.setAttribute('aria-labelledby', 'image-dialog-title');
  dialog.innerHTML =
    '<form method="dialog"><h2 id="image-dialog-title">Describe the image</h2>' +
    '<div class="field"><label for="image-dialog-alt">Description of the image (alt text)</label>' +
    '<p class="hint" id="image-dialog-hint">Required: what the picture shows, for readers who cannot see it.</p>' +
    '<p class="field-error" id="image-dialog-error" hidden></p>' +
    '<input type="text" id="image-dialog-alt" maxlength="300" aria-describedby="image-dialog-hint image-dialog-error" /></div>' +
    '<div class="button-row"><button type="submit" value="insert" class="button button-primary">Insert image</button> ' +
    '<button type="submit" value="cancel" class="button" formnovalidate>Cancel</button></div></form>';
  document.body.append(dialog);
  const dialogAlt = dialog.querySelector('input');
  const dialogError = dialog.querySelector('#image-dialog-error');

  // Where the picture goes: the cursor when it was pasted or dropped (the dialog takes the focus meanwhile).
  const insertAt = (text, [start, end]) => {
    const { value } = textarea;
    const before = value.slice(0, start);
    const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
    const insert = `${lead}${text}\n\n`;
    textarea.setRangeText(insert, start, end, 'end');
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    refresh();
  };

  // Uploads one picture with its description; answers null when it went in, else the refusal.
  const upload = async (file, alt, at) => {
    const data = new FormData();
    data.set('_csrf', token);
    data.set('alt', alt);
    data.set('image', file, file.name || 'pasted-image.png');
    status.textContent = 'Uploading the image…';
    try {
      const response = await fetch(uploadUrl, { method: 'POST', body: data, headers: { accept: 'application/json' } });
      const answer = await response.json();
      if (!response.ok) return answer.error ?? { message: 'The image could not be uploaded.' };
      insertAt(answer.markdown, at);
      status.textContent = 'Image inserted in the text.';
      return null;
    } catch {
      return { message: 'The image could not be sent: the connection failed. Try again.' };
    }
  };

  // Asks for the description, then uploads; the dialog stays open with the message when refused.
  const askAndUpload = (file) =>
    new Promise((done) => {
      const at = [textarea.selectionStart, textarea.selectionEnd];
      dialogAlt.value = '';
      dialogError.hidden = true;
      dialog.showModal();
      const onClose = async () => {
        if (dialog.returnValue !== 'insert') return finish();
        const refusal = await upload(file, dialogAlt.value, at);
        if (!refusal) return finish();
        dialogError.textContent = refusal.message;
        dialogError.hidden = false;
        dialogAlt.setAttribute('aria-invalid', 'true');
        dialog.showModal();
        dialog.addEventListener('close', onClose, { once: true });
      };
      const finish = () => {
        textarea.focus();
        done();
      };
      dialog.addEventListener('close', onClose, { once: true });
    });

  const imagesOf = (list) => [...(list ?? [])].filter((file) => file.type.startsWith('image/'));
  textarea.addEventListener('paste', (event) => {
    const files = imagesOf(event.clipboardData?.files);
    if (files.length === 0) return;
    event.preventDefault();
    askAndUpload(files[0]);
  });
  textarea.addEventListener('dragover', (event) => {
    if ([...(event.dataTransfer?.items ?? [])].some((item) => item.kind === 'file')) event.preventDefault();
  });
  textarea.addEventListener('drop', (event) => {
    const files = imagesOf(event.dataTransfer?.files);
    if (files.length === 0) return;
    event.preventDefault();
    askAndUpload(files[0]);
  });
  // The field's own button uploads at once too, without sending (or leaving) the whole form.
  box.querySelector('button[value="insert-image"]')?.addEventListener('click', async (event) => {
    const file = fileInput.files?.[0];
    if (!file) return; // The form goes to the server, which says what is missing.
    event.preventDefault();
    const refusal = await upload(file, altInput.value, [textarea.selectionStart, textarea.selectionEnd]);
    if (refusal) {
      status.textContent = refusal.message;
      return;
    }
    altInput.value = '';
    fileInput.value = '';
  });
}
