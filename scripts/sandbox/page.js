// The sandbox page: draws the chat panes from /api/state and sends what the person does.
(function () {
  'use strict';
  var drawn = {};

  function act(pane, body) {
    body.pane = pane;
    return fetch('/api/act', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(refresh);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function paneNode(pane) {
    var node = document.querySelector('section.pane[data-pane="' + pane.id + '"]');
    if (node) return node;
    node = el('section', 'pane');
    node.setAttribute('data-pane', pane.id);
    node.appendChild(el('h2', '', pane.title));
    node.appendChild(el('div', 'messages'));
    var toast = el('div', 'toast');
    toast.hidden = true;
    node.appendChild(toast);
    node.appendChild(el('div', 'keyboard'));
    var form = el('form', 'compose');
    var input = el('input');
    input.name = 'text';
    input.placeholder = 'Сообщение';
    input.autocomplete = 'off';
    form.appendChild(input);
    form.appendChild(el('button', '', '➤'));
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!input.value.trim()) return;
      var text = input.value;
      input.value = '';
      act(pane.id, { text: text });
    });
    node.appendChild(form);
    document.getElementById('panes').appendChild(node);
    return node;
  }

  function messageNode(paneId, message) {
    var node = el('div', 'msg' + (message.mine ? ' mine' : ''));
    node.setAttribute('data-message', message.id);
    node.appendChild(el('div', 'author', message.author));
    var body = el('div', 'text');
    body.innerHTML = message.html; // rendered and escaped by the sandbox server
    node.appendChild(body);
    if (message.document) {
      var link = el('a', 'document', '📎 ' + message.document.name);
      link.href = message.document.url;
      link.setAttribute('download', message.document.name);
      node.appendChild(link);
    }
    if (message.edited) node.appendChild(el('span', 'edited', 'изменено'));
    if (message.buttons.length) {
      var rows = el('div', 'inline-rows');
      message.buttons.forEach(function (row) {
        var line = el('div', 'inline-row');
        row.forEach(function (button) {
          var b = el('button', 'inline', button.text);
          b.type = 'button';
          b.addEventListener('click', function () {
            if (button.url) window.open(button.url, '_blank');
            else act(paneId, { messageId: message.id, data: button.data });
          });
          line.appendChild(b);
        });
        rows.appendChild(line);
      });
      node.appendChild(rows);
    }
    return node;
  }

  function draw(pane) {
    var key = JSON.stringify(pane);
    if (drawn[pane.id] === key) return;
    drawn[pane.id] = key;
    var node = paneNode(pane);
    var list = node.querySelector('.messages');
    var atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.replaceChildren.apply(
      list,
      pane.messages.map(function (m) {
        return messageNode(pane.id, m);
      }),
    );
    if (atBottom || !list.dataset.seen) list.scrollTop = list.scrollHeight;
    list.dataset.seen = '1';
    var toast = node.querySelector('.toast');
    toast.hidden = !pane.toast || Date.now() - pane.toast.at > 6000;
    toast.textContent = pane.toast ? (pane.toast.alert ? '⚠️ ' : '') + pane.toast.text : '';
    var keyboard = node.querySelector('.keyboard');
    keyboard.replaceChildren.apply(
      keyboard,
      pane.keyboard.map(function (row) {
        var line = el('div', 'row');
        row.forEach(function (text) {
          var b = el('button', 'reply', text);
          b.type = 'button';
          b.addEventListener('click', function () {
            act(pane.id, { text: text });
          });
          line.appendChild(b);
        });
        return line;
      }),
    );
  }

  function refresh() {
    return fetch('/api/state')
      .then(function (response) {
        return response.json();
      })
      .then(function (state) {
        document.getElementById('console').href = state.consoleUrl + '/web';
        state.panes.forEach(draw);
      })
      .catch(function () {
        /* the sandbox is stopping; the next tick tries again */
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    refresh();
    setInterval(refresh, 500);
  });
})();
