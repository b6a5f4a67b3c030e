/** Owns all the content script sets up; when an extension reload or update removes `browser.runtime.id`, it aborts. */
import browser from '../shared/browser';

export class ContentContext {
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;

  /** A child context (`parent`: the script's own) also aborts with its parent. */
  constructor(parent?: AbortSignal) {
    parent?.addEventListener('abort', () => this.abort(), { once: true, signal: this.signal });
    this.setInterval(() => undefined, 5000); // notices a reload while nothing else runs
  }

  get isValid(): boolean {
    try {
      return !this.signal.aborted && !!browser.runtime?.id;
    } catch {
      return false;
    }
  }

  abort(): void {
    this.controller.abort();
  }

  on<K extends keyof WindowEventMap>(target: Window, type: K, fn: (e: WindowEventMap[K]) => void, opts?: AddEventListenerOptions): void;
  on(target: EventTarget, type: string, fn: (e: Event) => void, opts?: AddEventListenerOptions): void;
  on(target: EventTarget, type: string, fn: (e: Event) => void, opts: AddEventListenerOptions = {}): void {
    target.addEventListener(type, fn, { ...opts, signal: this.signal });
  }

  setInterval(fn: () => void, ms: number): void {
    const id = setInterval(() => (this.isValid ? fn() : this.abort()), ms);
    this.signal.addEventListener('abort', () => clearInterval(id), { once: true });
  }
}
