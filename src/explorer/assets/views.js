import * as api from './api.js';
import {
  MINT,
  addressHref,
  addressLink,
  blockHref,
  cell,
  h,
  hashText,
  link,
  notFound,
  table,
  timeText,
} from './dom.js';

const LATEST_BLOCKS = 10;
const ADDRESS_PAGE = 50;
const CHAIN_EVENTS = ['block-appended', 'chain-replaced'];

/**
 * Each page: what it shows for the route's parameters (`render`, resolving to the page's content) and the live
 * events after which it reads the API again (`liveOn`).
 */
export const dashboard = {
  liveOn: [...CHAIN_EVENTS, 'transaction-accepted', 'peer-status'],
  async render() {
    const summary = await api.status();
    const from = Math.max(1, summary.length - LATEST_BLOCKS + 1);
    const page = await api.blocks(from, LATEST_BLOCKS);
    return h(
      'section',
      { 'data-page': 'dashboard' },
      h('h1', {}, 'Dashboard'),
      h(
        'dl',
        { class: 'cards' },
        card('Height', h('span', { 'data-field': 'height' }, summary.length)),
        card('Tip hash', link(blockHref(summary.length), hashText(summary.hash)), 'tip-hash'),
        card('Difficulty', summary.difficulty, 'difficulty'),
        card('Pending', link('#/pending', summary.pending), 'pending'),
        card('Peers', link('#/peers', summary.peers.length), 'peers'),
      ),
      h('h2', {}, 'Latest blocks'),
      latestBlocks(page.blocks, summary),
      h('h2', {}, 'Peers'),
      peerTable(summary.peers),
    );
  },
};

function card(label, value, field) {
  return h('div', { class: 'card' }, h('dt', {}, label), h('dd', { 'data-field': field }, value));
}

/** Newest first. A block's hash is the next block's `previous_hash`; the tip's comes with the status. */
function latestBlocks(blocks, summary) {
  const rows = blocks
    .map((block, position) => {
      const hash = blocks[position + 1]?.previous_hash ?? (block.index === summary.length ? summary.hash : '');
      return h(
        'tr',
        { 'data-block': block.index },
        cell(link(blockHref(block.index), block.index)),
        cell(timeText(block.timestamp)),
        cell(block.transactions.length, 'number'),
        cell(hashText(hash)),
      );
    })
    .reverse();
  return table([['Index'], ['Time'], ['Transactions', 'number'], ['Hash']], rows, 'No blocks');
}

function peerTable(peers) {
  const rows = peers.map((peer) =>
    h(
      'tr',
      { 'data-peer': peer.node },
      cell(peer.node, 'mono'),
      cell(peerStatus(peer.status)),
      cell(peer.length ?? '–', 'number'),
    ),
  );
  return table([['Peer'], ['Last status'], ['Length', 'number']], rows, 'No peers registered.');
}

function peerStatus(status) {
  if (status === null) return h('span', { class: 'muted' }, 'not asked yet');
  return h('span', { class: status === 'ok' ? 'status-ok' : 'status-bad' }, status);
}

export const block = {
  liveOn: CHAIN_EVENTS,
  async render({ id }) {
    const index = /^[1-9]\d{0,15}$/.test(id) ? Number(id) : NaN;
    if (!Number.isSafeInteger(index)) return notFound(`“${id}” is not a block index.`);
    const page = await api.blocks(index, 2);
    const [shown, next] = page.blocks;
    if (!shown) return notFound(`The chain has no block ${index}: it is ${page.length} blocks long.`);
    const hash = next ? next.previous_hash : await tipHash(index);
    return blockPage(shown, hash, page.length);
  },
};

/** The hash of the block at `index`, which was the tip when the page was read (the chain may have grown since). */
async function tipHash(index) {
  const summary = await api.status();
  if (summary.length === index) return summary.hash;
  const after = await api.blocks(index + 1, 1);
  return after.blocks[0]?.previous_hash ?? '';
}

const KNOWN_FIELDS = new Set(['index', 'timestamp', 'transactions', 'proof', 'previous_hash']);

function blockPage(shown, hash, length) {
  const index = shown.index;
  const extra = Object.entries(shown).filter(([name]) => !KNOWN_FIELDS.has(name));
  const fields = [
    ['Index', index],
    ['Hash', h('span', { class: 'mono', 'data-field': 'hash' }, hash)],
    [
      'Previous hash',
      index > 1
        ? link(blockHref(index - 1), h('span', { class: 'mono' }, shown.previous_hash))
        : h('span', { class: 'mono' }, JSON.stringify(shown.previous_hash)),
    ],
    ['Time', h('span', { title: String(shown.timestamp) }, timeText(shown.timestamp), ` (${shown.timestamp})`)],
    ['Proof', h('span', { class: 'mono' }, shown.proof)],
    ['Transactions', shown.transactions.length],
    ...extra.map(([name, value]) => [name, h('span', { class: 'mono' }, JSON.stringify(value))]),
  ];
  return h(
    'section',
    { 'data-page': 'block', 'data-index': index },
    h('h1', {}, `Block ${index}`),
    h(
      'p',
      { class: 'pager' },
      index > 1 ? link(blockHref(index - 1), '← Previous block') : null,
      index < length ? link(blockHref(index + 1), 'Next block →') : h('span', { class: 'muted' }, 'The tip'),
      h('a', { href: `/blocks/${index}` }, 'Raw JSON'),
    ),
    h(
      'table',
      { class: 'fields' },
      h(
        'tbody',
        {},
        fields.map(([name, value]) => h('tr', {}, h('th', {}, name), h('td', {}, value))),
      ),
    ),
    h('h2', {}, 'Transactions'),
    transactionTable(shown.transactions, 'This block holds no transactions.'),
  );
}

function transactionTable(transactions, emptyText) {
  const rows = transactions.map((transaction, position) =>
    h(
      'tr',
      { 'data-transaction': position },
      cell(position + 1, 'number'),
      cell(addressLink(String(transaction.sender))),
      cell(addressLink(String(transaction.recipient))),
      cell(String(transaction.amount), 'number mono'),
    ),
  );
  return table([['#', 'number'], ['Sender'], ['Recipient'], ['Amount', 'number']], rows, emptyText);
}

export const pending = {
  liveOn: [...CHAIN_EVENTS, 'transaction-accepted'],
  async render() {
    const { transactions, length } = await api.pending();
    return h(
      'section',
      { 'data-page': 'pending' },
      h('h1', {}, 'Pending transactions'),
      h('p', { class: 'muted' }, `${length} waiting for the next block, in arrival order.`),
      transactionTable(transactions, 'No transaction is waiting.'),
    );
  },
};

export const peers = {
  liveOn: ['peer-status', 'chain-replaced'],
  async render() {
    const summary = await api.status();
    return h(
      'section',
      { 'data-page': 'peers' },
      h('h1', {}, 'Peers'),
      h('p', { class: 'muted' }, 'What each peer answered at the last resolve or sync.'),
      peerTable(summary.peers),
    );
  },
};

export const address = {
  liveOn: CHAIN_EVENTS,
  async render({ id, query }) {
    const name = id;
    const pageNumber = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
    if (name === '') return notFound('No address given.');
    let history;
    try {
      history = await api.address(name, (pageNumber - 1) * ADDRESS_PAGE, ADDRESS_PAGE);
    } catch (error) {
      if (error instanceof api.ApiError && error.status === 400) return notFound(error.message);
      throw error;
    }
    if (history.length === 0) {
      return notFound('No transaction on the chain names ', h('span', { class: 'mono' }, name), '.');
    }
    return addressPage(name, history, pageNumber);
  },
};

function addressPage(name, history, pageNumber) {
  const minting = name === MINT;
  const first = history.offset + 1;
  const last = history.offset + history.transactions.length;
  const rows = history.transactions.map((transaction) =>
    h(
      'tr',
      { 'data-transaction': `${transaction.index}-${transaction.position}` },
      cell(link(blockHref(transaction.index), transaction.index)),
      cell(addressLink(String(transaction.sender))),
      cell(addressLink(String(transaction.recipient))),
      cell(String(transaction.amount), 'number mono'),
    ),
  );
  return h(
    'section',
    { 'data-page': 'address' },
    h('h1', {}, 'Address ', h('span', { class: 'mono', 'data-field': 'address' }, name)),
    minting ? h('p', { class: 'muted' }, 'The reward sender: what it sent is every coin the chain has minted.') : null,
    h(
      'dl',
      { class: 'cards' },
      card('Received', history.received, 'received'),
      card(minting ? 'Minted' : 'Sent', history.sent, 'sent'),
      card('Balance (received − sent)', history.balance, 'balance'),
      card('Transactions', history.length, 'count'),
    ),
    h('h2', {}, 'Transactions, newest first'),
    h('p', { class: 'muted' }, `${first}–${last} of ${history.length}`),
    table([['Block'], ['Sender'], ['Recipient'], ['Amount', 'number']], rows, 'No transactions on this page.'),
    h(
      'p',
      { class: 'pager' },
      pageNumber > 1 ? link(addressHref(name, pageNumber - 1), '← Newer') : null,
      last < history.length ? link(addressHref(name, pageNumber + 1), 'Older →') : null,
    ),
  );
}

/**
 * A search goes to the block with that index, then the block with that hash, then the address: every string may
 * be an address ("0" is the reward sender), so an index or a hash that matches no block is tried as one too.
 */
export async function searchTarget(text) {
  if (/^\d{1,16}$/.test(text)) {
    const index = Number(text);
    const summary = await api.status();
    if (index >= 1 && index <= summary.length) return blockHref(index);
  }
  if (/^[0-9a-fA-F]{64}$/.test(text)) {
    const found = await api.blockWithHash(text.toLowerCase());
    if (found) return blockHref(found.index);
  }
  if (text.length <= 256) {
    const history = await api.address(text, 0, 1);
    if (history.length > 0) return addressHref(text);
  }
  return null;
}

export const search = {
  liveOn: [],
  async render({ id }) {
    const target = id.trim() === '' ? '#/' : await searchTarget(id.trim());
    if (target) {
      // The search itself leaves no entry in the history: Back returns to the page searched from.
      location.replace(target);
      return null;
    }
    return notFound(
      'Nothing matches ',
      h('span', { class: 'mono' }, id),
      ': no block has this index or hash, and no transaction names this address.',
    );
  },
};
