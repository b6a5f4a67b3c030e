/**
 * Models a person added from a local ONNX file and its card (options page → IndexedDB). Cards are
 * validated again on every load; the runner checks the file's sha256 against the card before the
 * first session, and the models run in the same engine, queue and limits as the built-ins.
 */
import { parseModelCard, type ModelCard } from '../shared/model-card';
import { openPersonDb } from '../shared/person-db';
import { createModelRunner, type ModelRunner, type ModelRunnerOptions } from './model-runner';


export interface UserModels {
  runners(): ModelRunner[];
  /** Resolves once the first load finished. */
  ready: Promise<void>;
  /** Reads the stored models again (the options page added or removed one). */
  reload(): Promise<void>;
}

export function watchUserModels(builtinIds: Set<string>, opts: Omit<ModelRunnerOptions, 'loadBytes'>): UserModels {
  let list: ModelRunner[] = [];
  const load = async () => {
    const stored = await (await openPersonDb()).getAll('models').catch(() => []);
    const next: ModelRunner[] = [];
    for (const m of stored) {
      const parsed = parseModelCard(m.card);
      if (!('card' in parsed) || builtinIds.has(parsed.card.id) || parsed.card.task !== 'whole-image') continue;
      // A person's model is never a test fixture (that flag hides a detector from the card).
      const card: ModelCard = { ...parsed.card, fixture: undefined };
      const bytes = new Uint8Array(m.bytes);
      next.push(createModelRunner(card, { ...opts, loadBytes: async () => bytes }));
    }
    for (const old of list) void old.dispose().catch(() => undefined);
    list = next;
  };
  const ready = load().catch(() => undefined);
  return { runners: () => list, ready, reload: () => load().catch(() => undefined) };
}
