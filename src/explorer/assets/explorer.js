import * as api from './api.js';
import { h, notFound } from './dom.js';
import * as views from './views.js';

/**
 * Hash routes (`#/block/5`), so that no explorer path can collide with an API path:
 * `#/`, `#/block/{index}`, `#/pending`, `#/peers`, `#/address/{percent-encoded address}?page=n`, `#/search/{text}`.
 */
const ROUTES = {
  '': views.dashboard,
  block: views.block,
  pending: views.pending,
  peers: views.peers,
  address: views.address,
  search: views.search,
};

const REFRESH_GAP_MS = 250;
const RENDERED_MARK = 'explorer-rendered';

const main = document.getElementById('view');
let current = { view: views.dashboard, params: { id: '', query: new URLSearchParams() } };
/** Each render's number: a render that a later one overtook is dropped rather than shown. */
let renders = 0;
/** A render asked for while one runs: run once more after it, for events that came meanwhile. */
let again = false;
let running = null;

function parseRoute() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, queryText = ''] = hash.split('?', 2);
  const slash = path.indexOf('/');
  const name = slash === -1 ? path : path.slice(0, slash);
  const rawId = slash === -1 ? '' : path.slice(slash + 1);
  let id;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    id = rawId;
  }
  // Own names only: `#/constructor` is no page.
  const view = Object.hasOwn(ROUTES, name) ? ROUTES[name] : undefined;
  return { view, params: { id, query: new URLSearchParams(queryText) } };
}

async function render() {
  const number = ++renders;
  try {
    const content = current.view ? await current.view.render(current.params) : notFound('No such page.');
    if (number === renders && content) {
      main.replaceChildren(content);
      // In the browser's performance timeline, for whoever times the explorer (its benchmark does).
      performance.mark(RENDERED_MARK);
    }
  } catch (error) {
    if (number !== renders) return;
    main.replaceChildren(
      h('div', { class: 'error', role: 'alert', 'data-state': 'error' }, `The node could not answer: ${error.message}`),
    );
  }
}

/**
 * Renders now, or once more after the render under way, and at most every REFRESH_GAP_MS: a burst of events (a busy
 * node accepts thousands of transactions a second) costs a few reads, well within the node's rate limit.
 */
function refresh() {
  if (running) {
    again = true;
    return;
  }
  const started = performance.now();
  running = render().finally(() => {
    const wait = Math.max(0, REFRESH_GAP_MS - (performance.now() - started));
    setTimeout(() => {
      running = null;
      if (again) {
        again = false;
        refresh();
      }
    }, wait);
  });
}

function navigate() {
  current = parseRoute();
  again = false;
  window.scrollTo(0, 0);
  void render();
}

window.addEventListener('hashchange', navigate);

document.getElementById('search').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('search-input');
  const text = input.value.trim();
  if (text === '') return;
  location.hash = `#/search/${encodeURIComponent(text)}`;
  input.value = '';
});

const live = document.getElementById('live');
api.subscribe(
  (kind) => {
    if (current.view?.liveOn.includes(kind)) refresh();
  },
  (open) => {
    live.textContent = open ? 'live' : 'reconnecting';
    live.classList.toggle('on', open);
  },
);

navigate();
