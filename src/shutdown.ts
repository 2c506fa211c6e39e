import { INestApplication, Logger } from '@nestjs/common';
import type { Server } from 'node:http';

/** How long requests under way get to be answered once the node is asked to stop; then their connections close. */
const DRAIN_MS = 5000;
/** Past this, the process exits even if closing hangs: whatever was acknowledged is committed already. */
const EXIT_DEADLINE_MS = 10_000;
const IDLE_CHECK_MS = 50;

/**
 * SIGTERM or SIGINT stops the node: mining stops (a /mine under way answers 503), the server takes no new
 * connections, requests under way are answered, keep-alive connections close as soon as they are idle (rather than
 * after their keep-alive timeout), then the database is closed and the process exits with 0. The signal may come
 * twice (a terminal's Ctrl-C reaches npm and the node, and npm passes it on too): the stop under way goes on.
 * A node started with an IPC channel (by `npm run devnet`) stops the same way when the channel closes: the process
 * that started it is gone, even killed outright, and must not leave it running.
 */
export function stopOnSignals(app: INestApplication): void {
  const logger = new Logger('Node');
  let stopping = false;
  const stop = async (signal?: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const why = signal ?? 'the process that started this node is gone';
    logger.log({ event: 'shutting down', msg: `Shutting down (${why})`, signal });
    const server = app.getHttpServer() as Server;
    const closeIdle = setInterval(() => server.closeIdleConnections(), IDLE_CHECK_MS);
    const cutOff = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    setTimeout(() => {
      logger.error(`The node did not stop within ${EXIT_DEADLINE_MS} ms: exiting anyway`);
      process.exit(1);
    }, EXIT_DEADLINE_MS).unref();
    try {
      await app.close();
    } catch (error) {
      logger.error(`Shutting down failed: ${(error as Error).stack ?? String(error)}`);
      process.exit(1);
    }
    clearInterval(closeIdle);
    clearTimeout(cutOff);
    logger.log('Stopped');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (received) => void stop(received));
  if (process.channel) process.once('disconnect', () => void stop());
}
