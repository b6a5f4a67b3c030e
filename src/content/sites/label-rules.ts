/** Platforms' AI disclosures and reshare/like button names, in English and French (our interface languages). */
import type { PostAction } from './site-adapter';

const APOS = "['’]";

/** Meta (Facebook, Instagram, Threads): "AI info" (2024+), "Made with AI" (before). */
export const META_AI_LABEL = [
  /^AI info$/i,
  /^Made with AI$/i,
  new RegExp(`^Infos? (sur l${APOS}|de l${APOS})?IA$`, 'i'),
  new RegExp(`^Cr[ée]{1,2} avec l${APOS}IA$`, 'i'),
  new RegExp(`^Informations sur l${APOS}IA$`, 'i'),
];

/** TikTok: "AI-generated", "Creator labeled as AI-generated". */
export const TIKTOK_AI_LABEL = [/\bAI[- ]generated\b/i, new RegExp(`g[ée]n[ée]r[ée]e? par (l${APOS})?IA`, 'i'), /Contenu g[ée]n[ée]r[ée] par IA/i];

/** YouTube: "Altered or synthetic content" (description and player disclosures). */
export const YOUTUBE_AI_LABEL = [/Altered or synthetic content/i, /Contenu (retouch[ée]|modifi[ée]|alt[ée]r[ée]) ou synth[ée]tique/i];

/** X: the "Manipulated media" label on a post. */
export const X_MEDIA_LABEL = [/^(Manipulated|Synthetic and manipulated|Altered) media$/i, /^M[ée]dias? (manipul[ée]s?|alt[ée]r[ée]s?|synth[ée]tiques?)( et manipul[ée]s?)?$/i];

/** LinkedIn: the Content Credentials ("CR") pin on media. */
export const LINKEDIN_CR_LABEL = [/Content Credentials/i, /Identifiants? de contenu/i, /Informations d['’]identification du contenu/i];

/** Generic words for community labels (Reddit flair, Mastodon content warnings, Bluesky labels). */
export const GENERIC_AI_LABEL = [
  /^(AI[- ]generated|AI[- ]art|AI[- ]image|Generated with AI|Made with AI|Synthetic media|Deepfake)$/i,
  new RegExp(`^(G[ée]n[ée]r[ée]e? (par|avec) (l${APOS})?IA|Image (g[ée]n[ée]r[ée]e )?(par )?IA|Art IA|Hypertrucage)$`, 'i'),
];

/** A community note counts only when it speaks of AI; word boundaries keep "AI" out of "said", "IA" out of "média". */
const NOTE_AI_WORDS = [
  /\b(AI|A\.I\.)\b/,
  /artificial intelligence/i,
  /\bdeep ?fakes?\b/i,
  /\b(AI|computer)[- ]generated\b/i,
  /\bIA\b/,
  /intelligence artificielle/i,
  /hypertrucage/i,
  /\bdigitally (altered|manipulated)\b/i,
  /\bmanipul[ée]e?s? num[ée]riquement\b/i,
];

export function noteMentionsAi(text: string): boolean {
  return NOTE_AI_WORDS.some((p) => p.test(text));
}

const ACTION_WORDS: readonly [RegExp, PostAction][] = [
  [/^(repost|retweet|reblog|boost|republier|reposter|retweeter|booster)\b/i, 'repost'],
  [/^(share|send|partager|envoyer)\b/i, 'share'],
  [new RegExp(`^(like|react like|favou?rite|j${APOS}aime|ajouter aux favoris|mettre en favori)\\b`, 'i'), 'like'],
];

export function actionFromName(name: string | null | undefined): PostAction | undefined {
  if (!name || name.length > 120) return undefined;
  const text = name.replace(/\s+/g, ' ').trim();
  for (const [re, action] of ACTION_WORDS) if (re.test(text)) return action;
  return undefined;
}
