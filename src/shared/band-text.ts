import type { Band } from './types';

export type BadgeBand = Band | 'pending' | 'error';

/** i18n keys: short label (badge, history list) and card title. */
export const BAND_TEXT: Record<BadgeBand, { label: string; title: string }> = {
  'declared-ai': { label: 'badgeDeclaredAi', title: 'bandDeclaredAi' },
  'likely-synthetic': { label: 'badgeLikelySynthetic', title: 'bandLikelySynthetic' },
  uncertain: { label: 'badgeUncertain', title: 'bandUncertain' },
  'no-evidence': { label: 'badgeNoEvidence', title: 'bandNoEvidence' },
  'not-applicable': { label: 'badgeNotApplicable', title: 'bandNotApplicable' },
  error: { label: 'badgeError', title: 'bandError' },
  pending: { label: 'badgePending', title: 'badgePending' },
};
