import type { OpenAPIObject } from '@nestjs/swagger';
import { NodeConfig } from '../src/config/node-config';
import { hashBlock } from '../src/core';
import { ConsensusService } from '../src/nodes/consensus.service';
import { useDocument } from './support/contract-guard';
import { EventStream } from './support/event-stream';
import { eventually } from './support/eventually';
import { parsePrometheusText } from './support/prometheus-text';
import type { ApiContract } from './support/api-contract';
import {
  NodeProcess,
  postTransaction,
  RunningNode,
  spawnNode,
  startNode,
  stopProcess,
  temporaryDatabaseForEachTest,
} from './support/nodes';

describe('GET /events', () => {
  const nodes: RunningNode[] = [];
  const spawned: NodeProcess[] = [];
  const streams: EventStream[] = [];

  afterEach(async () => {
    await Promise.all(streams.splice(0).map((stream) => stream.close()));
    await Promise.all(nodes.splice(0).map((node) => node.close()));
    await Promise.all(spawned.splice(0).map((node) => stopProcess(node, 'SIGKILL')));
  });

  // Removed after the nodes above are stopped.
  const database = temporaryDatabaseForEachTest();

  async function start(overrides: Partial<NodeConfig> = {}): Promise<RunningNode> {
    const node = await startNode({ difficulty: 2, syncIntervalMs: 0, ...overrides });
    nodes.push(node);
    return node;
  }

  async function listen(node: RunningNode): Promise<EventStream> {
    const stream = await EventStream.open(node);
    streams.push(stream);
    return stream;
  }

  /** A node in a process of its own (stopped after the test), and the document its answers are checked against. */
  async function spawnWithContract(env: Record<string, string>): Promise<NodeProcess & { contract: ApiContract }> {
    const node = await spawnNode({ DATABASE_PATH: database.path, DIFFICULTY: '2', ...env });
    spawned.push(node);
    const contract = useDocument((await (await fetch(`${node.url}/docs-json`)).json()) as OpenAPIObject);
    return { ...node, contract };
  }

  async function listenerGauge(node: { url: string }): Promise<number> {
    const text = await (await fetch(`${node.url}/metrics`)).text();
    return parsePrometheusText(text).find((sample) => sample.name === 'blockchain_event_listeners')!.value;
  }

  it('should tell a block mined here, in the event-stream format, with its data as one line of JSON', async () => {
    const node = await start();
    const stream = await listen(node);
    expect(stream.status).toBe(200);
    expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);

    await node.http.get('/mine').expect(200);
    const appended = await stream.waitFor('block-appended');
    const block = (await node.chain())[1];
    expect(appended).toEqual({
      index: 2,
      hash: hashBlock(block),
      previous_hash: block.previous_hash,
      timestamp: block.timestamp,
      transactions: 1,
      source: 'mined',
      length: 2,
    });
    const [message] = stream.events();
    expect(message.lines).toEqual([expect.stringMatching(/^event: block-appended$/), 'id: 1', `data: ${message.data}`]);
  });

  it('should tell every transaction once it is committed, posted here or forwarded, its amount as posted', async () => {
    const sender = await start();
    const receiver = await start();
    await sender.register(receiver.address);
    const here = await listen(sender);
    const forwarded = await listen(receiver);

    await sender.http
      .post('/transactions/new')
      .set('Content-Type', 'application/json')
      .send('{"sender": "alice", "recipient": "bob", "amount": 5.0}')
      .expect(201, { message: 'Transaction will be added to Block 2' });

    const expected = { sender: 'alice', recipient: 'bob', amount: 5, index: 2 };
    expect(await here.waitFor('transaction-accepted')).toEqual(expected);
    expect(await forwarded.waitFor('transaction-accepted')).toEqual(expected);
    // A float stays a float, as the node stores and hashes it.
    expect(here.events('transaction-accepted')[0].data).toContain('"amount":5.0');
    expect(forwarded.events('transaction-accepted')[0].data).toContain('"amount":5.0');
  });

  it('should tell a chain replaced through a resolve, and a block a peer announces', async () => {
    const peer = await start();
    const node = await start();
    const stream = await listen(node);
    await peer.http.get('/mine').expect(200);
    await node.register(peer.address);

    await node.http.get('/nodes/resolve').expect(200, /Our chain was replaced/);
    const peerChain = await peer.chain();
    expect(await stream.waitFor('chain-replaced')).toEqual({
      forkHeight: 0,
      dropped: 1,
      added: 2,
      length: 2,
      hash: hashBlock(peerChain[1]),
    });

    // Now on one chain: the peer's next block extends ours, and is appended as it is announced.
    await peer.register(node.address);
    await peer.http.get('/mine').expect(200);
    const announced = await stream.waitFor('block-appended');
    const block = (await peer.chain())[2];
    expect(announced).toMatchObject({ index: 3, hash: hashBlock(block), source: 'announced', length: 3 });
    expect(stream.events().map((message) => message.event)).toEqual([
      'chain-replaced',
      'peer-status',
      'block-appended',
    ]);
  });

  it('should tell each change of a peer status that the background sync finds, and only changes', async () => {
    const peer = await start();
    const node = await start({ syncIntervalMs: 200 });
    const stream = await listen(node);
    await node.register(peer.address);

    expect(await stream.waitFor('peer-status')).toEqual({
      node: peer.address,
      status: 'ok',
      previous: null,
      length: 1,
    });
    await nodes.splice(nodes.indexOf(peer), 1)[0].close();
    expect(await stream.waitFor('peer-status', (data) => data.status !== 'ok')).toEqual({
      node: peer.address,
      status: 'unreachable',
      previous: 'ok',
      length: null,
    });
    // The sync goes on every 200 ms and finds the peer unreachable again: no change, nothing told.
    let resolves = 0;
    const counting = node.app.get(ConsensusService).resolutions.subscribe(() => resolves++);
    try {
      await eventually(async () => expect(resolves).toBeGreaterThanOrEqual(3), 20_000);
    } finally {
      counting.unsubscribe();
    }
    expect(stream.events('peer-status')).toHaveLength(2);
  });

  it('should answer 503 in the error shape beyond EVENTS_MAX_LISTENERS, and serve a freed place again', async () => {
    const node = await start({ eventsMaxListeners: 2 });
    const first = await listen(node);
    await listen(node);
    expect(first.status).toBe(200);
    await eventually(async () => expect(await listenerGauge(node)).toBe(2));

    const refused = await listen(node);
    expect(refused.status).toBe(503);
    await refused.ended;
    expect(JSON.parse(refused.body)).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'Every place on /events is taken (EVENTS_MAX_LISTENERS is 2): retry later',
    });

    await first.close();
    await eventually(async () => expect(await listenerGauge(node)).toBe(1));
    const next = await listen(node);
    expect(next.status).toBe(200);
    await node.http.get('/mine').expect(200);
    await next.waitFor('block-appended');
  });

  it('should disconnect a listener that stopped reading while the others get every event and the node answers', async () => {
    // In a process of its own, so that the node and this test's clients each have a core.
    const node = await spawnWithContract({ RATE_LIMIT: '0' });
    const stalled = await EventStream.open(node);
    const reader = await EventStream.open(node);
    streams.push(stalled, reader);
    stalled.stopReading();
    await eventually(async () => expect(await listenerGauge(node)).toBe(2));

    // Transactions with the longest names, in bursts, until the node has dropped the listener that reads nothing
    // (after the some 4 MB its connection holds in the operating system's buffers).
    const name = (label: string) => label.padEnd(256, '.');
    let posted = 0;
    await eventually(async () => {
      const answers = await Promise.all(
        Array.from({ length: 200 }, () => postTransaction(node, name(`s${posted++}`), name('r'))),
      );
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
      expect(await listenerGauge(node)).toBe(1);
    }, 150_000);

    expect((await fetch(`${node.url}/chain`)).status).toBe(200);
    await eventually(async () => expect(reader.events('transaction-accepted')).toHaveLength(posted), 30_000);
    // Reading again, the dropped listener finds its connection cut, short of the events it missed.
    stalled.resumeReading();
    await stalled.ended;
    expect(stalled.events('transaction-accepted').length).toBeLessThan(posted);
  }, 240_000);

  it('should stay open without a token when API_TOKEN is set, like the other reads', async () => {
    const node = await start({ apiToken: 's3cret' });
    const stream = await listen(node);
    expect(stream.status).toBe(200);
    await node.http.get('/mine').set('Authorization', 'Bearer s3cret').expect(200);
    expect(await stream.waitFor('block-appended')).toMatchObject({ index: 2, source: 'mined' });
  });

  it('should write a heartbeat comment every EVENTS_HEARTBEAT_MS', async () => {
    const node = await start({ eventsHeartbeatMs: 200 });
    const stream = await listen(node);
    await eventually(async () => expect(stream.heartbeats()).toBeGreaterThanOrEqual(3), 20_000);
    expect(stream.events()).toEqual([]);
    expect(stream.body).toContain('\n: heartbeat\n\n');
  });

  it('should end every stream cleanly when the node stops, and stop as it does without listeners', async () => {
    const node = await spawnWithContract({});
    const listeners = await Promise.all([1, 2, 3].map(() => EventStream.open(node)));
    expect(listeners.map((stream) => stream.status)).toEqual([200, 200, 200]);

    expect(await stopProcess(node, 'SIGTERM')).toBe(0);
    // Complete answers: ended by the node, not cut off when its wait for requests under way ran out.
    for (const stream of listeners) expect(await stream.ended).toEqual({ complete: true });
  });
});
