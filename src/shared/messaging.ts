/** Typed send/handle on runtime messaging: a handler map, and each context says which senders it accepts. */
import browser, { type Runtime } from './browser';
import { envelope, parseEnvelope, type MessageName, type RequestOf, type ResponseOf, type Target } from './protocol';

export type Handlers = { [K in MessageName]?: (payload: RequestOf<K>, sender: Runtime.MessageSender) => Promise<ResponseOf<K>> };

/** Background, offscreen document, popup (even in a tab): on our origin. Content scripts report the web page's URL. */
export function isOwnExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL(''));
}

export function isOwnContentScript(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab?.id !== undefined && !isOwnExtensionPage(sender);
}

/** Returns the remover. */
export function listen(target: Target, handlers: Handlers, accept: Partial<Record<MessageName, (sender: Runtime.MessageSender) => boolean>>): () => void {
  const onMessage = (message: unknown, sender: Runtime.MessageSender) => {
    const env = parseEnvelope(message, target);
    if (!env) return undefined;
    const handler = handlers[env.name] as ((p: unknown, s: Runtime.MessageSender) => Promise<unknown>) | undefined;
    const check = accept[env.name];
    if (!handler) return undefined;
    if (!check?.(sender)) {
      console.warn('[deepfake-radar] rejected message from unexpected sender', env.name);
      return undefined;
    }
    return handler(env.payload, sender);
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}

/**
 * Every request has an answer. None means no receiver took it: it dropped the message (shape, sender), or died
 * mid-request (the polyfill then resolves `undefined`). Callers see that as a failure, like an unreachable receiver.
 */
async function answered<K extends MessageName>(name: K, answer: Promise<unknown>): Promise<ResponseOf<K>> {
  const res = await answer;
  if (res === undefined) throw new Error(`no answer to ${name}`);
  return res as ResponseOf<K>;
}

export function send<K extends MessageName>(target: Target, name: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  return answered(name, browser.runtime.sendMessage(envelope(target, name, payload)));
}

export function sendToTab<K extends MessageName>(tabId: number, name: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  // The top frame answers for the tab; frames each run their own scanner.
  return answered(name, browser.tabs.sendMessage(tabId, envelope('content', name, payload), { frameId: 0 }));
}
