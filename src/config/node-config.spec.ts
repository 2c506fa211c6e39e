import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from './node-config';

describe(loadConfig.name, () => {
  it('should default to the tutorial node on port 5000 with its database under ./data', () => {
    expect(loadConfig({}, [])).toMatchObject({
      port: 5000,
      databasePath: 'data/blockchain.sqlite',
      difficulty: 4,
      peerTimeoutMs: 5000,
    });
  });

  it('should mine on every core with the fastest kernel built here by default', () => {
    expect(loadConfig({}, [])).toMatchObject({ miningThreads: availableParallelism(), powKernel: 'auto' });
  });

  it('should read the mining settings', () => {
    expect(loadConfig({ MINING_THREADS: '3', POW_KERNEL: 'js' }, [])).toMatchObject({
      miningThreads: 3,
      powKernel: 'js',
    });
  });

  it('should read the environment', () => {
    const env = { PORT: '5001', DATABASE_PATH: '/tmp/x.sqlite', DIFFICULTY: '3', PEER_TIMEOUT_MS: '250' };
    expect(loadConfig(env, [])).toMatchObject({
      port: 5001,
      databasePath: '/tmp/x.sqlite',
      difficulty: 3,
      peerTimeoutMs: 250,
    });
  });

  it.each(['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost', 'node-a.example'])('should listen on HOST %p', (host) => {
    expect(loadConfig({ HOST: host }, []).host).toBe(host);
  });

  it.each([['--port', '5002'], ['-p', '5003'], ['--port=5004']])(
    'should take the port from %s like the reference',
    (...args) => {
      const expected = Number(args.join('').replace(/\D/g, ''));
      expect(loadConfig({ PORT: '6000' }, args).port).toBe(expected);
    },
  );

  it('should read the event stream settings, defaulting to a heartbeat every 15 s and 1000 listeners', () => {
    expect(loadConfig({}, [])).toMatchObject({ eventsHeartbeatMs: 15_000, eventsMaxListeners: 1000 });
    expect(loadConfig({ EVENTS_HEARTBEAT_MS: '250', EVENTS_MAX_LISTENERS: '0' }, [])).toMatchObject({
      eventsHeartbeatMs: 250,
      eventsMaxListeners: 0,
    });
  });

  it.each([
    [{ PORT: 'abc' }, [], 'PORT must be a whole number, got "abc"'],
    [{ PORT: '70000' }, [], 'PORT: port must not be greater than 65535'],
    [{ DIFFICULTY: '0' }, [], 'DIFFICULTY: difficulty must not be less than 1'],
    [{ DIFFICULTY: '2.5' }, [], 'DIFFICULTY must be a whole number'],
    [{ PEER_TIMEOUT_MS: '-1' }, [], 'PEER_TIMEOUT_MS must be a whole number'],
    [{ MINING_THREADS: '0' }, [], 'MINING_THREADS: miningThreads must not be less than 1'],
    [{ MINING_THREADS: 'all' }, [], 'MINING_THREADS must be a whole number, got "all"'],
    [{ POW_KERNEL: 'gpu' }, [], 'POW_KERNEL: powKernel must be one of the following values: auto, native, js'],
    [{ HOST: 'http://0.0.0.0' }, [], 'HOST: "http://0.0.0.0" is not an IP address or host name'],
    [{ HOST: '127.0.0.1:5000' }, [], 'HOST: "127.0.0.1:5000" is not an IP address or host name'],
    [{ HOST: '[::1]' }, [], 'HOST: "[::1]" is not an IP address or host name'],
    [{ EVENTS_HEARTBEAT_MS: '50' }, [], 'EVENTS_HEARTBEAT_MS: eventsHeartbeatMs must not be less than 100'],
    [{ EVENTS_MAX_LISTENERS: 'many' }, [], 'EVENTS_MAX_LISTENERS must be a whole number, got "many"'],
    [
      { EVENTS_MAX_LISTENERS: '100001' },
      [],
      'EVENTS_MAX_LISTENERS: eventsMaxListeners must not be greater than 100000',
    ],
    [{}, ['--port', 'x'], '--port must be a whole number'],
    [{}, ['--unknown'], "Unknown option '--unknown'"],
  ])('should refuse %p %p with a clear message', (env, argv, message) => {
    expect(() => loadConfig(env, argv)).toThrow(ConfigError);
    expect(() => loadConfig(env, argv)).toThrow(message);
  });
});
