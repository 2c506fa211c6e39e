import { EventStreamReader } from './event-stream';

describe('EventStreamReader', () => {
  it('should read the events of the node, skipping heartbeats', () => {
    const reader = new EventStreamReader();
    const text =
      ': heartbeat\n\nid: 1\nevent: block-appended\ndata: {"index":2}\n\n' +
      'id: 2\nevent: transaction-accepted\ndata: {"amount":5.0}\n\n';
    expect(reader.push(text)).toEqual([
      { id: '1', event: 'block-appended', data: '{"index":2}' },
      { id: '2', event: 'transaction-accepted', data: '{"amount":5.0}' },
    ]);
  });

  it('should put together events split anywhere between chunks, CRLF included', () => {
    const text = 'id: 7\r\nevent: peer-status\r\ndata: {"node":"a"}\r\n\r\n';
    const reader = new EventStreamReader();
    const events = [...text].flatMap((character) => reader.push(character));
    expect(events).toEqual([{ id: '7', event: 'peer-status', data: '{"node":"a"}' }]);
  });

  it('should join data lines, name unnamed events "message" and drop events without data', () => {
    const reader = new EventStreamReader();
    expect(reader.push('event: nothing\n\ndata: a\ndata:b\nretry: 5\n\n')).toEqual([
      { id: undefined, event: 'message', data: 'a\nb' },
    ]);
  });

  it('should keep an event unfinished until its blank line arrives', () => {
    const reader = new EventStreamReader();
    expect(reader.push('event: block-appended\ndata: {}\n')).toEqual([]);
    expect(reader.push('\n')).toEqual([{ id: undefined, event: 'block-appended', data: '{}' }]);
  });
});
