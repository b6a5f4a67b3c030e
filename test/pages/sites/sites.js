// Shared behaviour of the site fixture pages: buttons marked data-log record their clicks in #log
// (the page's own "like"/"repost" handler), and Reddit-like hosts get an open shadow root.
(function () {
  const log = document.getElementById('log');
  const record = (name) => { if (log) log.textContent += `${name};`; };
  document.addEventListener('click', (e) => {
    const el = e.composedPath().find((n) => n instanceof Element && n.hasAttribute('data-log'));
    if (el) record(el.getAttribute('data-log'));
  });
  // "Show more": a virtualised timeline appends the next post and recycles the first one.
  const more = document.getElementById('more');
  const next = document.getElementById('next-post');
  if (more && next) more.addEventListener('click', () => {
    const list = document.querySelector('article').parentElement;
    list.append(next.content.cloneNode(true));
    list.firstElementChild.remove();
  });
  // shreddit-post: action buttons in an open shadow root, media slotted from the light DOM.
  for (const post of document.querySelectorAll('shreddit-post')) {
    const root = post.attachShadow({ mode: 'open' });
    const id = post.getAttribute('id');
    root.innerHTML = `<slot name="title"></slot><slot></slot><div class="actions">
      <button upvote aria-label="Upvote" data-log="upvote-${id}">▲</button>
      <button aria-label="Share" data-log="share-${id}">Share</button></div>`;
  }
})();
