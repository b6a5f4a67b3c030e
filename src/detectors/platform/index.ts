/**
 * The site's own AI disclosure (DESIGN.md, Signals 5), read by a site adapter; added after the cache
 * (it belongs to the post, not the file). A declaration, not proof.
 */
import type { PlatformLabel } from '../../shared/protocol';
import type { Signal } from '../../shared/types';
import { msg } from '../../shared/signal-messages';
import { signalMaker } from '../detector';

export function platformLabelSignal(p: PlatformLabel): Signal {
  const label = p.label.replace(/\s+/g, ' ').trim().slice(0, 300);
  return { ...signalMaker('platform', '1', 'label')('declared-ai', 'moderate', [msg('sig_platform_label', p.site, label)], msg('sig_platform_declared')), declaration: 'generated' };
}

export function withPlatformLabel(signals: Signal[], platform: PlatformLabel | undefined): Signal[] {
  return platform ? [...signals, platformLabelSignal(platform)] : signals;
}
