/** Settings in storage.sync (falls back to local where sync is unavailable). */
import browser from './browser';
import { mergeSettings, parseSettings, SETTINGS_KEY, type Settings } from './settings';

function area() {
  return browser.storage.sync ?? browser.storage.local;
}

export async function loadSettings(): Promise<Settings> {
  try {
    const stored = await area().get(SETTINGS_KEY);
    return parseSettings(stored[SETTINGS_KEY]);
  } catch {
    return parseSettings(undefined);
  }
}

let saving: Promise<unknown> = Promise.resolve();

/** One at a time: two quick changes must not both start from the same old settings. */
export function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = saving.then(async () => {
    const merged = mergeSettings(await loadSettings(), patch);
    await area().set({ [SETTINGS_KEY]: merged });
    return merged;
  });
  saving = next.catch(() => undefined);
  return next;
}

/** Now (resolves once called), then on every change, until `signal` aborts. */
export async function watchSettings(listener: (s: Settings) => void, signal: AbortSignal): Promise<void> {
  let changed = false;
  const onChanged = (changes: Record<string, { newValue?: unknown }>) => {
    if (!(SETTINGS_KEY in changes)) return;
    changed = true;
    listener(parseSettings(changes[SETTINGS_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged), { once: true });
  const now = await loadSettings();
  // A change heard while reading is newer than what was read: the read must not undo it.
  if (!signal.aborted && !changed) listener(now);
}
