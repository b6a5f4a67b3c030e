/** Failures the card can explain in plain words (the code is an i18n key suffix). */
export type MediaErrorCode = 'too-large' | 'timeout' | 'http-error' | 'unsupported-type' | 'decode-failed' | 'too-many-pixels' | 'network';

export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    detail: string,
  ) {
    super(detail);
    this.name = 'MediaError';
  }
}
