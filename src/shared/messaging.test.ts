import { beforeEach, describe, expect, it, vi } from 'vitest';

const sendMessage = vi.fn();
const tabsSendMessage = vi.fn();
vi.mock('./browser', () => ({ default: { runtime: { sendMessage: (m: unknown) => sendMessage(m) }, tabs: { sendMessage: (...a: unknown[]) => tabsSendMessage(...a) } } }));
const { send, sendToTab } = await import('./messaging');

describe('send and sendToTab', () => {
  beforeEach(() => {
    sendMessage.mockReset();
    tabsSendMessage.mockReset();
  });

  it('give the receiver’s answer', async () => {
    sendMessage.mockResolvedValue({ remembered: 3 });
    await expect(send('background', 'engine:memory', { clear: false })).resolves.toEqual({ remembered: 3 });
    expect(sendMessage.mock.calls[0]![0]).toMatchObject({ target: 'background', name: 'engine:memory' });
  });

  it('fail when nobody answers (the receiver dropped the message, or its worker died: the polyfill resolves undefined)', async () => {
    sendMessage.mockResolvedValue(undefined);
    await expect(send('background', 'engine:memory', { clear: false })).rejects.toThrow('no answer to engine:memory');
    tabsSendMessage.mockResolvedValue(undefined);
    await expect(sendToTab(1, 'tab:stats', {})).rejects.toThrow('no answer to tab:stats');
  });
});
