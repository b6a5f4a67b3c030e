/**
 * Platform labels (DESIGN.md, Signals 5): the site's own disclosure ("AI info", "Altered or
 * synthetic content", a community note about AI...) read by a site adapter in the content script
 * and carried, bounded and validated, on the analysis request. The engine turns it into a signal
 * here, after the cache (the label belongs to the post, not the file).
 *
 * It is a declaration by the platform or the uploader, not proof: `declared-ai` with strength
 * `moderate`, and the card shows the label text as it appeared.
 */
import type { PlatformLabel } from '../../shared/protocol';
import type { Signal } from '../../shared/types';
import { msg } from '../../shared/signal-messages';
import { signalMaker } from '../detector';

export function platformLabelSignal(p: PlatformLabel): Signal {
  const label = p.label.replace(/\s+/g, ' ').trim().slice(0, 300);
  return { ...signalMaker('platform', '1', 'label')('declared-ai', 'moderate', [msg('sig_platform_label', p.site, label)], msg('sig_platform_declared')), declaration: 'generated' };
}

/** The file's signals plus the post's platform label, when there is one. */
export function withPlatformLabel(signals: Signal[], platform: PlatformLabel | undefined): Signal[] {
  return platform ? [...signals, platformLabelSignal(platform)] : signals;
}
