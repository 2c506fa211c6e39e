/**
 * The one way the explorer builds its page: elements made with createElement, text put in as text nodes. No data
 * ever goes through innerHTML, so a sender named `<img src=x onerror=...>` is shown as those characters.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function link(href, ...children) {
  return h('a', { href }, ...children);
}

export function blockHref(index) {
  return `#/block/${index}`;
}

export function addressHref(address, page = 1) {
  return `#/address/${encodeURIComponent(address)}${page > 1 ? `?page=${page}` : ''}`;
}

/** The reward sender: coins it "sends" are minted by the block. */
export const MINT = '0';

export function addressLink(address) {
  const label = address === MINT ? [address, ' ', h('span', { class: 'muted' }, '(minted)')] : address;
  return h('a', { href: addressHref(address), class: 'mono' }, label);
}

export function hashText(hash) {
  return h('span', { class: 'mono hash', title: hash }, hash);
}

/** A block's `timestamp` (Unix seconds) in UTC, the same for every reader. */
export function timeText(timestamp) {
  const date = new Date(Number(timestamp) * 1000);
  if (Number.isNaN(date.getTime())) return String(timestamp);
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function table(headings, rows, emptyText) {
  if (rows.length === 0) return h('p', { class: 'muted' }, emptyText);
  const head = h(
    'tr',
    {},
    headings.map(([text, className]) => h('th', { class: className }, text)),
  );
  return h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, head), h('tbody', {}, rows)));
}

export function cell(content, className) {
  return h('td', { class: className }, content);
}

export function notFound(...message) {
  return h(
    'div',
    { class: 'not-found', role: 'alert', 'data-state': 'not-found' },
    h('strong', {}, 'Not found. '),
    message,
  );
}
