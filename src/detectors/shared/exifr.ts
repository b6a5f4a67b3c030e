/**
 * One import point for exifr. Its package ships a UMD `main` (Node) and an ESM `module` (bundlers)
 * whose default exports differ (the ESM default lacks `sidecar`), so we take the functions from
 * whichever shape arrives.
 */
import * as exifrModule from 'exifr';

type ExifrApi = Pick<typeof import('exifr'), 'parse' | 'sidecar'>;

const candidates = [exifrModule as unknown as Partial<ExifrApi>, (exifrModule as unknown as { default?: Partial<ExifrApi> }).default ?? {}];
const pick = <K extends keyof ExifrApi>(k: K): ExifrApi[K] => {
  const found = candidates.find((c) => typeof c[k] === 'function')?.[k];
  if (!found) throw new Error(`exifr.${k} is unavailable`);
  return found as ExifrApi[K];
};

export const exifr: ExifrApi = { parse: pick('parse'), sidecar: pick('sidecar') };

/** exifr's options object (its d.ts does not export the type; `silentErrors` exists at runtime but is untyped). */
export type ExifrOptions = Exclude<Parameters<ExifrApi['parse']>[1], boolean | undefined | (string | number)[]> & { silentErrors?: boolean };
