import {
  freePort,
  NodeProcess,
  refusesConnections,
  spawnNode,
  stopProcess,
  temporaryDatabaseForEachTest,
} from './support/nodes';

// The whole of 127.0.0.0/8 is the loopback on Linux: a second address of this machine that every test host has.
const OTHER_ADDRESS = '127.0.0.2';

describe('The address a node listens on (HOST)', () => {
  const database = temporaryDatabaseForEachTest();
  const started: NodeProcess[] = [];

  afterEach(async () => {
    for (const node of started.splice(0)) await stopProcess(node, 'SIGTERM');
  });

  async function start(host: string, port: number): Promise<NodeProcess> {
    const node = await spawnNode({ DATABASE_PATH: database.path, HOST: host }, { port });
    started.push(node);
    return node;
  }

  it('should listen on that address alone', async () => {
    const port = await freePort();
    await start('127.0.0.1', port);
    expect(await refusesConnections(port, '127.0.0.1')).toBe(false);
    expect(await refusesConnections(port, OTHER_ADDRESS)).toBe(true);
  });

  it('should listen on every interface without HOST', async () => {
    const port = await freePort();
    const node = await start('', port);
    expect(node.output()).toContain(`listening on http://0.0.0.0:${port}`);
    const answer = await fetch(`http://${OTHER_ADDRESS}:${port}/nodes`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ length: 0, nodes: [] });
  });

  it('should refuse to start on a HOST that is not an address or a host name', async () => {
    await expect(start('http://0.0.0.0', await freePort())).rejects.toThrow(
      'Invalid configuration: HOST: "http://0.0.0.0" is not an IP address or host name',
    );
  });
});
