/** Creates the Chrome offscreen document on demand, once, even when requests race. */
const OFFSCREEN_PATH = 'src/offscreen/offscreen.html';
let creating: Promise<void> | undefined;

export async function ensureOffscreenDocument(): Promise<void> {
  const contexts = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT], documentUrls: [chrome.runtime.getURL(OFFSCREEN_PATH)] });
  // The document exists as soon as another request started creating it, before its scripts listen:
  // wait for that creation, or a message sent now finds no receiver.
  if (contexts.length > 0) {
    await creating;
    return;
  }
  creating ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: [chrome.offscreen.Reason.WORKERS],
      justification: 'Runs the on-device detection models (WebAssembly workers) and decodes media.',
    })
    .catch((e: Error) => {
      // Another request created it first: that is fine.
      if (!/single offscreen/i.test(e.message)) throw e;
    })
    .finally(() => (creating = undefined));
  await creating;
}
