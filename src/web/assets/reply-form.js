// Enhances the reply form when JavaScript runs: "Reply" moves the form under the reply being
// answered, and posting happens inline through the JSON API without a page reload. Without this
// script the same form works as a plain POST.
const respond = document.getElementById('respond');
const form = document.getElementById('reply-form');

if (respond && form) {
  const home = document.createComment('respond-home');
  respond.parentNode.insertBefore(home, respond);
  const parentInput = document.getElementById('comment_parent');
  const toName = document.getElementById('reply-to-name');
  const cancel = document.getElementById('cancel-reply');
  const errors = document.getElementById('form-errors');
  const status = document.getElementById('form-status');
  const submit = document.getElementById('submit');
  const fields = ['comment', 'author', 'email', 'url'];

  function answer(link) {
    const item = link.closest('li.reply');
    if (!item) return;
    item.querySelector(':scope > .reply-card').after(respond);
    parentInput.value = link.dataset.replyTo;
    toName.textContent = ` to ${link.dataset.replyAuthor}`;
    cancel.hidden = false;
    document.getElementById('comment').focus();
  }

  function cancelAnswer() {
    home.parentNode.insertBefore(respond, home.nextSibling);
    parentInput.value = '0';
    toName.textContent = '';
    cancel.hidden = true;
  }

  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a.reply-link');
    if (link && link.dataset.replyTo) {
      event.preventDefault();
      answer(link);
    }
  });
  cancel.addEventListener('click', (event) => {
    event.preventDefault();
    cancelAnswer();
    document.getElementById('comment').focus();
  });

  function clearErrors() {
    errors.hidden = true;
    errors.textContent = '';
    for (const name of fields) {
      const input = document.getElementById(name);
      const message = document.getElementById(`${name}-error`);
      input.removeAttribute('aria-invalid');
      message.hidden = true;
      message.textContent = '';
      const described = (input.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== `${name}-error`);
      if (described.length) input.setAttribute('aria-describedby', described.join(' '));
      else input.removeAttribute('aria-describedby');
    }
  }

  function showErrors(error) {
    const problems = error.fields || (error.field ? [{ field: error.field, message: error.message }] : []);
    let first = null;
    for (const p of problems) {
      const input = document.getElementById(p.field);
      const message = document.getElementById(`${p.field}-error`);
      if (!input || !message || !fields.includes(p.field)) continue;
      message.textContent = p.message;
      message.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      const described = new Set((input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
      described.add(`${p.field}-error`);
      input.setAttribute('aria-describedby', [...described].join(' '));
      first = first || input;
    }
    const p = document.createElement('p');
    p.textContent = first ? 'Please correct the fields marked below; your text is kept.' : error.message;
    errors.replaceChildren(p);
    errors.hidden = false;
    (first || errors).focus();
  }

  function insertReply(html, parentId) {
    const template = document.createElement('template');
    template.innerHTML = html.trim();
    const item = template.content.firstElementChild;
    let list = document.getElementById('reply-list');
    if (parentId !== '0') {
      const parent = document.getElementById(`reply-${parentId}`);
      if (parent) {
        list = parent.querySelector(':scope > ol.children');
        if (!list) {
          list = document.createElement('ol');
          list.className = 'children';
          parent.append(list);
        }
      }
    }
    list.append(item);
    document.getElementById('no-replies')?.remove();
    return item;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors();
    submit.disabled = true;
    status.textContent = 'Posting your comment…';
    const parentId = parentInput.value || '0';
    try {
      const response = await fetch(form.dataset.api, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
      });
      const data = await response.json().catch(() => null);
      if (!response.ok || !data || !data.reply) {
        status.textContent = '';
        showErrors((data && data.error) || { message: 'Your comment could not be posted. Please try again; your text is kept.' });
        return;
      }
      // The token just posted is used up; the next post from this form carries the fresh one.
      const token = form.querySelector('input[name="form_token"]');
      if (token && data.formToken) token.value = data.formToken;
      cancelAnswer();
      const item = insertReply(data.reply.html, parentId);
      document.getElementById('comment').value = '';
      status.textContent = data.message;
      item.scrollIntoView({ block: 'center' });
      item.querySelector('.reply-card').setAttribute('tabindex', '-1');
      item.querySelector('.reply-card').focus();
    } catch {
      status.textContent = '';
      showErrors({ message: 'The network failed before your comment arrived. Please try again; your text is kept.' });
    } finally {
      submit.disabled = false;
    }
  });
}
