import { EventStreamReader, ServerSentEvent } from '../../src/cli/event-stream';

/**
 * Follows a node's GET /events until `signal` aborts, calling `onEvent` with each event as it arrives, or `onEnd` if
 * the stream ends first. Resolves once the stream is open.
 */
export async function followEvents(
  url: string,
  onEvent: (event: ServerSentEvent) => void,
  signal: AbortSignal,
  onEnd: (error: Error) => void,
): Promise<void> {
  const response = await fetch(`${url}/events`, { signal, headers: { Accept: 'text/event-stream' } });
  if (!response.ok || !response.body) throw new Error(`GET /events answered ${response.status}`);
  const body = response.body;
  void (async () => {
    const reader = new EventStreamReader();
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        for (const event of reader.push(decoder.decode(chunk as Uint8Array, { stream: true }))) onEvent(event);
      }
      throw new Error('the node ended the stream');
    } catch (error) {
      if (!signal.aborted) onEnd(error as Error);
    }
  })();
}
