import type { Band } from './types';

/** What a badge can show: a verdict band, an analysis in progress, or a failure. */
export type BadgeBand = Band | 'pending' | 'error';

/** i18n keys per badge state: short label (badge, history list), card title. One list for every page. */
export const BAND_TEXT: Record<BadgeBand, { label: string; title: string }> = {
  'declared-ai': { label: 'badgeDeclaredAi', title: 'bandDeclaredAi' },
  'likely-synthetic': { label: 'badgeLikelySynthetic', title: 'bandLikelySynthetic' },
  uncertain: { label: 'badgeUncertain', title: 'bandUncertain' },
  'no-evidence': { label: 'badgeNoEvidence', title: 'bandNoEvidence' },
  'not-applicable': { label: 'badgeNotApplicable', title: 'bandNotApplicable' },
  error: { label: 'badgeError', title: 'bandError' },
  pending: { label: 'badgePending', title: 'badgePending' },
};
