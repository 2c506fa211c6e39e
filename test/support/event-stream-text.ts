/** One message of an event stream, as an EventSource would dispatch it. */
export interface StreamMessage {
  id?: string;
  event?: string;
  data?: string;
  /** The text of a comment line (`: heartbeat`), for a message that is only a comment. */
  comment?: string;
  /** The message's lines as they came, in their order. */
  lines: string[];
}

/** The whole messages of an event stream's text (each ends with a blank line), and the text after the last one. */
export function parseEventStream(text: string): { messages: StreamMessage[]; rest: string } {
  const blocks = text.split('\n\n');
  const rest = blocks.pop()!;
  const messages = blocks
    .map((block) => block.split('\n').filter((line) => line !== ''))
    .filter((lines) => lines.length > 0)
    .map(parseMessage);
  return { messages, rest };
}

function parseMessage(lines: string[]): StreamMessage {
  const message: StreamMessage = { lines };
  for (const line of lines) {
    const colon = line.indexOf(':');
    const value = line.slice(colon + 1).replace(/^ /, '');
    if (colon === 0) {
      message.comment = value;
      continue;
    }
    const field = line.slice(0, colon) as 'id' | 'event' | 'data';
    // Several data lines make one data value, joined by line breaks, as an EventSource joins them.
    message[field] = field === 'data' && message.data !== undefined ? `${message.data}\n${value}` : value;
  }
  return message;
}
