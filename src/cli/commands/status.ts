import { Block, hashBlock } from '../../core/block';
import { dumpJson, isJsonObject, RawJson } from '../../core/python-json';
import type { HealthReport, Schema } from '../answers';
import { ago, count, fields, printable } from '../format';
import { Answer, ErrorAnswer, GlobalOptions, Session } from '../session';

/** The sync check's figures (src/health/sync.health.ts). */
interface SyncDetails {
  peers: number;
  length: number;
  lastResolve: string | null;
  reachable?: number;
  unreachable?: number;
  behind?: number;
}

/**
 * `status`: GET /health (what it checks, the chain's length, the peers) and the pending transactions, then the tip
 * block. Exits 1 when the node reports itself unhealthy (503), after printing the report all the same.
 */
export async function status(options: GlobalOptions): Promise<number> {
  const session = new Session(options);
  const [health, pending] = await Promise.all([
    healthReport(session),
    session.ask<Schema<'PendingTransactionsResponseDto'>>((client) =>
      client.GET('/transactions/pending', { parseAs: 'text' }),
    ),
  ]);
  const sync = health.value.details?.sync as SyncDetails | undefined;
  const length = sync?.length ?? 0;
  const tip =
    length > 0
      ? await session.ask<Schema<'BlockDto'>>((client) =>
          client.GET('/blocks/{index}', { params: { path: { index: length } }, parseAs: 'text' }),
        )
      : undefined;
  const healthy = health.value.status === 'ok';
  session.print(
    {
      node: options.node,
      health: new RawJson(health.text),
      tip: tip ? new RawJson(tip.text) : null,
      pending: pending.value.transactions.length,
    },
    () => {
      const checks = Object.entries(health.value.details ?? {}).map(([name, check]) => `${name} ${check.status}`);
      const tipLine = (block: Schema<'BlockDto'>): [string, string] => [
        'tip',
        `block ${length}, ${hashBlock(block as Block).slice(0, 16)}…, mined ${ago(block.timestamp)}`,
      ];
      const lines: [string, string][] = [
        ['node', options.node],
        ['health', `${printable(String(health.value.status))} (${checks.join(', ')})`],
        ['chain', count(length, 'block')],
        ...(tip ? [tipLine(tip.value)] : []),
        ['pending', count(pending.value.transactions.length, 'transaction')],
        ...(sync ? [['peers', peersText(sync)] as [string, string]] : []),
      ];
      return fields(lines);
    },
  );
  return healthy ? 0 : 1;
}

/** The health report, 200 or 503 alike: an unhealthy node answers with the same report. */
async function healthReport(session: Session): Promise<Answer<HealthReport>> {
  try {
    return await session.ask<HealthReport>((client) => client.GET('/health', { parseAs: 'text' }));
  } catch (error) {
    if (error instanceof ErrorAnswer && error.status === 503 && isJsonObject(error.body)) {
      return { text: dumpJson(error.body), value: error.body as unknown as HealthReport };
    }
    throw error;
  }
}

function peersText(sync: SyncDetails): string {
  if (sync.peers === 0) return 'none';
  if (sync.lastResolve === null) return `${sync.peers}, not asked yet`;
  const behind = sync.behind ? `, ${count(sync.behind, 'block')} behind the longest` : '';
  return `${sync.peers}; at the last resolve (${sync.lastResolve}) ${sync.reachable ?? 0} answered, ${sync.unreachable ?? 0} did not${behind}`;
}
