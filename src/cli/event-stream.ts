/** One server-sent event. */
export interface ServerSentEvent {
  /** The last `id:` the stream gave, if any. */
  id?: string;
  /** `event:`, or "message" when the event named none. */
  event: string;
  /** The `data:` lines, joined with line feeds. */
  data: string;
}

/**
 * Reads a `text/event-stream` as it arrives, chunk by chunk, by the HTML standard's rules: lines end with CR, LF or
 * CRLF (even split between chunks), a blank line ends an event, comments (`: heartbeat`) and unknown fields are
 * skipped, an event without data is dropped.
 */
export class EventStreamReader {
  private rest = '';
  private lastId?: string;
  private event = '';
  private data: string[] = [];

  /** The events this chunk of text completes. */
  push(chunk: string): ServerSentEvent[] {
    let text = this.rest + chunk;
    // A CR at the very end may be the first half of a CRLF: keep it for the next chunk.
    const heldCarriageReturn = text.endsWith('\r') ? '\r' : '';
    if (heldCarriageReturn) text = text.slice(0, -1);
    const lines = text.split(/\r\n|\r|\n/);
    this.rest = lines.pop()! + heldCarriageReturn;
    return lines.flatMap((line) => this.line(line));
  }

  private line(line: string): ServerSentEvent[] {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return [];
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(line.startsWith(' ', colon + 1) ? colon + 2 : colon + 1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    return [];
  }

  private dispatch(): ServerSentEvent[] {
    const { event, data } = this;
    this.event = '';
    this.data = [];
    if (data.length === 0) return [];
    return [{ id: this.lastId, event: event || 'message', data: data.join('\n') }];
  }
}
