/** exifr's UMD `main` (Node) and ESM `module` default exports differ (ESM lacks `sidecar`): take whichever shape arrives. */
import * as exifrModule from 'exifr';

type ExifrApi = Pick<typeof import('exifr'), 'parse' | 'sidecar'>;

const candidates = [exifrModule as unknown as Partial<ExifrApi>, (exifrModule as unknown as { default?: Partial<ExifrApi> }).default ?? {}];
const pick = <K extends keyof ExifrApi>(k: K): ExifrApi[K] => {
  const found = candidates.find((c) => typeof c[k] === 'function')?.[k];
  if (!found) throw new Error(`exifr.${k} is unavailable`);
  return found as ExifrApi[K];
};

export const exifr: ExifrApi = { parse: pick('parse'), sidecar: pick('sidecar') };

/** Not exported by its d.ts; `silentErrors` exists at runtime but is untyped. */
export type ExifrOptions = Exclude<Parameters<ExifrApi['parse']>[1], boolean | undefined | (string | number)[]> & { silentErrors?: boolean };
