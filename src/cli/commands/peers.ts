import { pythonNumberText, RawJson } from '../../core/python-json';
import type { Schema } from '../answers';
import { count, printable, table } from '../format';
import { withProgress } from '../progress';
import { GlobalOptions, Session } from '../session';

function peerLines(nodes: string[]): string {
  return nodes.length === 0 ? 'No peers.' : nodes.map(printable).join('\n');
}

/** `peers` (`peers list`): GET /nodes. */
export async function list(options: GlobalOptions): Promise<void> {
  const session = new Session(options);
  const answer = await session.ask<Schema<'NodesResponseDto'>>((client) => client.GET('/nodes', { parseAs: 'text' }));
  session.print(new RawJson(answer.text), () => peerLines(answer.value.nodes));
}

/** `peers add <node...>`: POST /nodes/register. */
export async function add(options: GlobalOptions, nodes: string[]): Promise<void> {
  const session = new Session(options);
  const answer = await session.ask<Schema<'RegisterNodesResponseDto'>>((client) =>
    client.POST('/nodes/register', { body: { nodes }, parseAs: 'text' }),
  );
  const { message, total_nodes } = answer.value;
  session.print(new RawJson(answer.text), () => `${message}. Peers now:\n${peerLines(total_nodes)}`);
}

/** `peers remove <node>`: DELETE /nodes/{node}. */
export async function remove(options: GlobalOptions, node: string): Promise<void> {
  const session = new Session(options);
  const answer = await session.ask<Schema<'RegisterNodesResponseDto'>>((client) =>
    client.DELETE('/nodes/{node}', { params: { path: { node } }, parseAs: 'text' }),
  );
  const { message, total_nodes } = answer.value;
  session.print(new RawJson(answer.text), () => `${message}. Peers now:\n${peerLines(total_nodes)}`);
}

/** `resolve`: GET /nodes/resolve, with a progress line while the peers' chains are fetched and checked. */
export async function resolve(options: GlobalOptions): Promise<void> {
  const session = new Session(options);
  const answer = await withProgress(
    `Resolving against the peers of ${options.node}...`,
    session.ask<Schema<'ResolveResponseDto'>>((client) => client.GET('/nodes/resolve', { parseAs: 'text' })),
  );
  session.print(new RawJson(answer.text), () => {
    const { message, peers } = answer.value;
    const chain = answer.value.new_chain ?? answer.value.chain ?? [];
    const rows = peers.map((peer) => [
      printable(peer.node),
      peer.status,
      peer.length === undefined ? '' : pythonNumberText(peer.length),
    ]);
    const report = peers.length === 0 ? 'No peers.' : table(['peer', 'answer', 'length'], rows, [2]);
    return `${message} (${count(chain.length, 'block')}).\n${report}`;
  });
}
