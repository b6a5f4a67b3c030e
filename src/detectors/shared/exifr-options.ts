import type exifr from 'exifr';

/** exifr's options object (its d.ts does not export the type; `silentErrors` exists at runtime but is untyped). */
export type ExifrOptions = Exclude<Parameters<typeof exifr.parse>[1], boolean | undefined | (string | number)[]> & { silentErrors?: boolean };
