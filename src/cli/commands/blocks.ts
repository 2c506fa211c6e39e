import { Block, hashBlock } from '../../core/block';
import { pythonNumberText, RawJson } from '../../core/python-json';
import type { Schema } from '../answers';
import { blockText, table, timeText } from '../format';
import { GlobalOptions, Session } from '../session';

/** `chain`: GET /chain, one line a block. */
export async function chain(options: GlobalOptions): Promise<void> {
  const session = new Session(options);
  const answer = await session.ask<Schema<'ChainResponseDto'>>((client) => client.GET('/chain', { parseAs: 'text' }));
  session.print(new RawJson(answer.text), () => {
    const rows = answer.value.chain.map((block) => [
      pythonNumberText(block.index),
      timeText(block.timestamp),
      String(block.transactions.length),
      pythonNumberText(block.proof),
      hashBlock(block as Block),
    ]);
    return table(['block', 'time', 'transactions', 'proof', 'hash'], rows, [0, 2, 3]);
  });
}

/** `block <index|hash>`: GET /blocks/{index} or GET /blocks/hash/{hash}. */
export async function block(options: GlobalOptions, id: string): Promise<void> {
  const session = new Session(options);
  const answer = await session.ask<Schema<'BlockDto'>>((client) =>
    id.length === 64
      ? client.GET('/blocks/hash/{hash}', { params: { path: { hash: id.toLowerCase() } }, parseAs: 'text' })
      : client.GET('/blocks/{index}', { params: { path: { index: Number(id) } }, parseAs: 'text' }),
  );
  session.print(new RawJson(answer.text), () => blockText(answer.value));
}
