// Gazette's embedded replies (issue 15; docs/embedding.md). Loaded with
//   <div id="gazette-replies"></div> <script src="https://NEWS.EXAMPLE/embed.js" async></script>
// It asks Gazette (the script's own origin, and nobody else) for the page's thread in one request,
// draws it in a shadow root, and posts replies inline. The reader's own state (remembered name,
// their held replies) is kept in this page's localStorage and sent explicitly: no cookies.
(function () {
  'use strict';
  var CSS = __GAZETTE_CSS__;
  var script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  if (!script) return;
  var base = new URL(script.src, location.href).origin;
  var api = base + '/api/v1/embed/';
  var key = 'gazette-replies:' + base + ':';
  function warn(message) {
    console.warn('Gazette replies: ' + message);
  }
  function read(name) {
    try {
      return JSON.parse(localStorage.getItem(key + name) || 'null');
    } catch (e) {
      return null;
    }
  }
  function write(name, value) {
    try {
      if (value === null || value === '') localStorage.removeItem(key + name);
      else localStorage.setItem(key + name, JSON.stringify(value));
    } catch (e) {
      // Storage off (private mode, a policy): the thread still works, it just forgets.
    }
  }

  function start() {
    var host = document.getElementById('gazette-replies');
    if (!host) return warn('this page has no element with id="gazette-replies" to put the replies in.');
    var canonical = document.querySelector('link[rel="canonical"]');
    var pageUrl = host.getAttribute('data-page-url');
    if (pageUrl === null) pageUrl = canonical && canonical.href ? canonical.href : location.origin + location.pathname;
    var pageTitle = host.getAttribute('data-page-title') || document.title || '';
    var root = host.shadowRoot || host.attachShadow({ mode: 'open' });
    // Only the two themes' names are read from the page; anything else keeps the automatic theme.
    var theme = host.getAttribute('data-theme');
    var wrap = document.createElement('div');
    wrap.className = 'gazette' + (theme === 'dark' || theme === 'light' ? ' theme-' + theme : '');
    wrap.setAttribute('lang', 'en');
    var style = document.createElement('style');
    style.textContent = CSS;
    root.replaceChildren(style, wrap);

    var query = new URLSearchParams({ page_url: pageUrl });
    var pending = read('pending');
    if (typeof pending === 'string' && pending) query.set('pending', pending);
    fetch(api + 'thread?' + query, { credentials: 'omit', headers: { accept: 'application/json' } })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return null;
          })
          .then(function (data) {
            if (!response.ok || !data || typeof data.html !== 'string') {
              warn((data && data.error && data.error.message) || 'the thread could not be loaded (HTTP ' + response.status + ').');
              return;
            }
            // Gazette's own HTML: every reader's byte in it is escaped or sanitised on the server.
            wrap.innerHTML = data.html;
            enhance(root, pageUrl, pageTitle);
          });
      })
      .catch(function () {
        warn('the thread could not be loaded: ' + base + ' did not answer.');
      });
  }

  function enhance(root, pageUrl, pageTitle) {
    function $(id) {
      return root.getElementById(id);
    }
    var respond = $('respond');
    var form = $('reply-form');
    if (!respond || !form) return;
    var home = document.createComment('respond-home');
    respond.parentNode.insertBefore(home, respond);
    var parentInput = $('comment_parent');
    var toName = $('reply-to-name');
    var cancel = $('cancel-reply');
    var errors = $('form-errors');
    var status = $('form-status');
    var submit = $('submit');
    var fields = ['comment', 'author', 'email', 'url'];
    var remembered = read('commenter');
    if (remembered && typeof remembered === 'object') {
      ['author', 'email', 'url'].forEach(function (name) {
        if (typeof remembered[name] === 'string') $(name).value = remembered[name];
      });
      $('remember').checked = true;
    }

    function answer(link) {
      var item = link.closest('li.reply');
      if (!item) return;
      item.querySelector(':scope > .reply-card').after(respond);
      parentInput.value = link.getAttribute('data-reply-to');
      toName.textContent = ' to ' + link.getAttribute('data-reply-author');
      cancel.hidden = false;
      $('comment').focus();
    }
    function cancelAnswer() {
      home.parentNode.insertBefore(respond, home.nextSibling);
      parentInput.value = '0';
      toName.textContent = '';
      cancel.hidden = true;
    }
    root.addEventListener('click', function (event) {
      var link = event.target.closest && event.target.closest('a.reply-link');
      if (link && link.getAttribute('data-reply-to')) {
        event.preventDefault();
        answer(link);
      } else if (event.target === cancel) {
        event.preventDefault();
        cancelAnswer();
        $('comment').focus();
      }
    });

    function clearErrors() {
      errors.hidden = true;
      errors.textContent = '';
      fields.forEach(function (name) {
        var input = $(name);
        var message = $(name + '-error');
        input.removeAttribute('aria-invalid');
        message.hidden = true;
        message.textContent = '';
        var described = (input.getAttribute('aria-describedby') || '').split(' ').filter(function (id) {
          return id && id !== name + '-error';
        });
        if (described.length) input.setAttribute('aria-describedby', described.join(' '));
        else input.removeAttribute('aria-describedby');
      });
    }
    function showErrors(error) {
      var problems = error.fields || (error.field ? [{ field: error.field, message: error.message }] : []);
      var first = null;
      problems.forEach(function (p) {
        var input = $(p.field);
        var message = $(p.field + '-error');
        if (!input || !message || fields.indexOf(p.field) === -1) return;
        message.textContent = p.message;
        message.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        var described = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
        if (described.indexOf(p.field + '-error') === -1) described.push(p.field + '-error');
        input.setAttribute('aria-describedby', described.join(' '));
        first = first || input;
      });
      var line = document.createElement('p');
      line.textContent = first ? 'Please correct the fields marked below; your text is kept.' : error.message;
      errors.replaceChildren(line);
      errors.hidden = false;
      (first || errors).focus();
    }
    function insertReply(html, parentId) {
      var template = document.createElement('template');
      template.innerHTML = html.trim();
      var item = template.content.firstElementChild;
      var list = $('reply-list');
      var parent = parentId !== '0' && $('reply-' + parentId);
      if (parent) {
        list = parent.querySelector(':scope > ol.children');
        if (!list) {
          list = document.createElement('ol');
          list.className = 'children';
          parent.append(list);
        }
      }
      list.append(item);
      var none = $('no-replies');
      if (none) none.remove();
      return item;
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearErrors();
      submit.disabled = true;
      status.textContent = 'Posting your comment…';
      var parentId = parentInput.value || '0';
      var body = new URLSearchParams(new FormData(form));
      body.set('page_url', pageUrl);
      body.set('page_title', pageTitle);
      var pending = read('pending');
      if (typeof pending === 'string' && pending) body.set('pending', pending);
      // A form-encoded POST without credentials: a simple request, no preflight, no cookie.
      fetch(api + 'replies', { method: 'POST', body: body, credentials: 'omit', headers: { accept: 'application/json' } })
        .then(function (response) {
          return response
            .json()
            .catch(function () {
              return null;
            })
            .then(function (data) {
              if (!response.ok || !data || !data.reply) {
                status.textContent = '';
                var error = (data && data.error) || { message: 'Your comment could not be posted. Please try again; your text is kept.' };
                if (response.status === 403) warn(error.message);
                showErrors(error);
                return;
              }
              var token = form.querySelector('input[name="form_token"]');
              if (token && data.formToken) token.value = data.formToken;
              if (data.pending) write('pending', data.pending);
              if ($('remember').checked) write('commenter', { author: $('author').value, email: $('email').value, url: $('url').value });
              else write('commenter', null);
              cancelAnswer();
              var item = insertReply(data.reply.html, parentId);
              $('comment').value = '';
              status.textContent = data.message;
              var card = item.querySelector('.reply-card');
              card.setAttribute('tabindex', '-1');
              card.focus();
            });
        })
        .catch(function () {
          status.textContent = '';
          showErrors({ message: 'The network failed before your comment arrived. Please try again; your text is kept.' });
        })
        .finally(function () {
          submit.disabled = false;
        });
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
