/**
 * Names of image and video generators as they appear in EXIF `Software`, XMP `CreatorTool`,
 * IPTC/XMP `Credit`, C2PA `softwareAgent` and similar fields. Matched on word boundaries so that
 * e.g. "Influx" is not "Flux"; editors without generative features (Photoshop, GIMP) are absent.
 */

export interface GeneratorName {
  /** Display name for the card. */
  name: string;
  pattern: RegExp;
}

export const GENERATOR_NAMES: GeneratorName[] = [
  { name: 'Midjourney', pattern: /\bmidjourney\b/i },
  { name: 'DALL·E', pattern: /\bdall[-·\s]?e\b/i },
  { name: 'OpenAI image generation', pattern: /\b(?:gpt-image|gpt-4o|chatgpt|openai)\b/i },
  { name: 'Adobe Firefly', pattern: /\bfirefly\b/i },
  { name: 'Stable Diffusion', pattern: /\b(?:stable[\s_-]?diffusion|sdxl|sd[\s_-]?(?:1\.5|2\.1|3(?:\.5)?))\b/i },
  { name: 'AUTOMATIC1111', pattern: /\bautomatic1111\b/i },
  { name: 'ComfyUI', pattern: /\bcomfyui\b/i },
  { name: 'InvokeAI', pattern: /\binvoke\s?ai\b/i },
  { name: 'Fooocus', pattern: /\bfooocus\b/i },
  { name: 'NovelAI', pattern: /\bnovel\s?ai\b/i },
  { name: 'FLUX (Black Forest Labs)', pattern: /\b(?:flux\.1|flux[\s_-](?:pro|dev|schnell|kontext)|black forest labs)\b/i },
  { name: 'Google Imagen / Gemini', pattern: /\b(?:imagen\s?\d?|gemini|nano banana|made with google ai|synthid)\b/i },
  { name: 'Microsoft Designer / Bing Image Creator', pattern: /\b(?:bing image creator|microsoft designer|image creator from microsoft)\b/i },
  { name: 'Leonardo.Ai', pattern: /\bleonardo\.?ai\b/i },
  { name: 'Ideogram', pattern: /\bideogram\b/i },
  { name: 'Runway', pattern: /\brunway(?:ml)?\b(?:.*\bgen-?\d)?/i },
  { name: 'Sora', pattern: /\bsora\b/i },
  { name: 'Grok / Aurora (xAI)', pattern: /\b(?:grok|xai aurora)\b/i },
  { name: 'Amazon Titan / Nova', pattern: /\b(?:titan image generator|amazon nova canvas)\b/i },
  { name: 'Meta AI', pattern: /\b(?:meta ai|imagined with ai)\b/i },
  { name: 'Kling', pattern: /\bkling\s?ai\b/i },
  { name: 'Pika', pattern: /\bpika\s?labs\b/i },
  { name: 'Luma Dream Machine', pattern: /\bdream machine\b/i },
  { name: 'Krea', pattern: /\bkrea\.?ai\b/i },
  { name: 'Playground AI', pattern: /\bplayground\s?(?:ai|v\d)\b/i },
  { name: 'NightCafe', pattern: /\bnightcafe\b/i },
  { name: 'Craiyon', pattern: /\bcraiyon\b/i },
  { name: 'DreamStudio', pattern: /\bdreamstudio\b/i },
  { name: 'Canva Magic Media', pattern: /\bmagic media\b/i },
  { name: 'Tongyi / Qwen / Hunyuan / Kolors / Seedream', pattern: /\b(?:qwen-image|hunyuan|kolors|seedream|jimeng|doubao)\b/i },
  { name: 'Generic "AI generated" label', pattern: /\b(?:ai[\s-]generated|generated (?:by|with) ai|made with ai)\b/i },
];

/** The generator a field value names, if any. Values longer than 2,000 characters are not scanned. */
export function matchGenerator(value: unknown): GeneratorName | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  return GENERATOR_NAMES.find((g) => g.pattern.test(value));
}
