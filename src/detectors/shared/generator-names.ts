/**
 * The reviewed list of AI generators, as named in a file's tool fields (C2PA claim generator and
 * software agents, EXIF Make/Software, XMP CreatorTool, IPTC Credit, PNG Software/Source); one list
 * for the C2PA and metadata detectors. Rules (generator-names.test.ts has a case per entry):
 * - Whole product names on word boundaries. A vendor alone is not a generator (Google, OpenAI and
 *   Microsoft sign camera and press files too); a name that is also a common word counts only as
 *   the whole field, with at most a version.
 * - Editors with AI features (Photoshop, phone galleries) are not here: their AI edits are declared
 *   by a source type or a generator named as the edit's agent.
 * - A comment says where a name was seen in a file; entries without one are the vendor's product names.
 */

export interface GeneratorName {
  name: string;
  patterns: RegExp[];
}

/** The whole field is `word`, optionally followed by a version ("Sora", "Sora 2", "Grok/1.0"). */
const wholeField = (word: string): RegExp => new RegExp(`^\\s*${word}(?:[\\s/_-]*v?\\d+(?:\\.\\d+)*)?\\s*$`, 'i');

export const GENERATOR_NAMES: GeneratorName[] = [
  {
    // C2PA claim_generator "Microsoft_Responsible_AI/1.0", softwareAgent "Image Creator from Designer": Bing JPEGs (issue 13).
    name: 'Microsoft Image Creator / Designer',
    patterns: [/\bimage creator from (?:microsoft )?designer\b/i, /\bbing image creator\b/i, /\bmicrosoft[\s_]responsible[\s_]ai\b/i, /\bmicrosoft designer\b/i, /\bcopilot designer\b/i],
  },
  // softwareAgent "DALL·E" (Tebs-Lab/lab-report-code 2024-03-03/cape-bear-manifest.json). "Dalle" alone is a surname in photo credits.
  { name: 'OpenAI DALL·E', patterns: [/\bdall[-·‧.\s_]e\b/i, /\bdalle[\s_-]?[23]\b/i] },
  // claim_generator "ChatGPT c2pa-rs/0.28.4", "OpenAI-API …" (cape-bear above); softwareAgent "GPT-4o" (contentauth/example-assets ChatGPT_Image.json).
  { name: 'OpenAI ChatGPT / GPT image', patterns: [/\bchatgpt\b/i, /\bgpt-?4o\b/i, /\bgpt-image(?:-\d)?\b/i, /\bopenai[-_ ]api\b/i, /\bazure openai\b/i] },
  // claim_generator_info and softwareAgent "Sora" (contentauth/example-assets sora.json).
  { name: 'OpenAI Sora', patterns: [wholeField('sora'), /\bopenai sora\b/i] },
  // softwareAgent "Adobe Firefly" (../shared/data/provenance/ai-credentials, c2pa-rs/ocsp.jpg); claim_generator "Adobe_Firefly" (contentauth/example-assets).
  { name: 'Adobe Firefly', patterns: [/\badobe[\s_]firefly\b/i] },
  {
    // IPTC Credit "Made with Google AI" and "Edited with Google AI" (an edit), quoted in public metadata-stripping scripts.
    // Gemini's C2PA names a library ("Google C2PA Core Generator Library") and declares a source type itself: not listed.
    name: 'Google Imagen / Gemini',
    patterns: [
      /\b(?:made|edited) with google ai\b/i,
      /\bgoogle (?:imagen|gemini|veo)\b/i,
      /\bgemini[\s-]\d(?:\.\d)?[\s-](?:flash|pro)[\s-]image\b/i,
      /\bnano[\s-]banana\b/i,
      /\bsynthid\b/i,
      wholeField('imagen'),
      wholeField('gemini'),
      wholeField('veo'),
    ],
  },
  // "Imagined with AI": Meta AI's label on its images. "Meta AI" alone also imports Ray-Ban Meta glasses photos.
  { name: 'Meta AI', patterns: [/\bimagined with ai\b/i, /\bimagine (?:with|by) meta ai\b/i, /\bmeta (?:ai )?imagine\b/i] },
  // claim_generator "Amazon Bedrock", softwareAgent "Titan Image Generator G1" (TrustNXT/c2pa-ts amazon-titan-g1.png).
  { name: 'Amazon Titan / Nova', patterns: [/\btitan image generator\b/i, /\bamazon titan\b/i, /\bamazon bedrock\b/i, /\bnova canvas\b/i] },
  // Midjourney's own files declare a digital source type (../shared/data/provenance/iptc-midjourney).
  { name: 'Midjourney', patterns: [/\bmidjourney\b/i] },
  {
    // PNG Source "Stable Diffusion 1D44365E" (NovelAI output, d3x-at/sd-parsers tests/resources).
    name: 'Stability AI / Stable Diffusion',
    patterns: [/\bstable[\s_-]?diffusion\b/i, /\bstability[\s_-]?ai\b/i, /\bsdxl\b/i, /\bsd[\s_-]?(?:1\.5|2\.1|3\.5)\b/i, /\bstable image (?:ultra|core)\b/i, /\bdreamstudio\b/i],
  },
  // EXIF Make "Ideogram AI" (issue 13).
  { name: 'Ideogram', patterns: [/\bideogram(?:\.ai|\s+ai)\b/i, wholeField('ideogram')] },
  { name: 'Leonardo.Ai', patterns: [/\bleonardo[\s.]?ai\b/i] },
  // "Runway" alone is a fashion word in credits.
  { name: 'Runway', patterns: [/\brunway[\s_]?ml\b/i, /\brunway (?:gen-?\d|ai)\b/i] },
  // "Flux" alone is a common word.
  { name: 'FLUX (Black Forest Labs)', patterns: [/\bflux\.\d\b/i, /\bflux[\s_-](?:pro|dev|schnell|kontext)\b/i, /\bblack forest labs\b/i] },
  { name: 'xAI Grok', patterns: [/\bgrok imagine\b/i, /\bxai aurora\b/i, wholeField('grok')] },
  // PNG Software "NovelAI" (d3x-at/sd-parsers tests/resources).
  { name: 'NovelAI', patterns: [/\bnovel\s?ai\b/i] },
  // Local front ends (their settings are read by generator-params), when a tool field names them.
  { name: 'Stable Diffusion front end (AUTOMATIC1111 / ComfyUI / InvokeAI / Fooocus)', patterns: [/\bautomatic1111\b/i, /\bcomfyui\b/i, /\binvoke\s?ai\b/i, /\bfooocus\b/i] },
  { name: 'Kling AI', patterns: [/\bkling[\s_]?ai\b/i] },
  { name: 'Pika', patterns: [/\bpika[\s_]?labs\b/i, /\bpika\.art\b/i] },
  { name: 'Luma Dream Machine', patterns: [/\bluma(?: ai)? dream machine\b/i] },
  { name: 'Krea', patterns: [/\bkrea[\s.]?ai\b/i] },
  { name: 'Playground AI', patterns: [/\bplayground\s?(?:ai|v\d)\b/i] },
  { name: 'NightCafe', patterns: [/\bnightcafe\b/i] },
  { name: 'Craiyon', patterns: [/\bcraiyon\b/i] },
  { name: 'Canva Magic Media', patterns: [/\bcanva magic media\b/i] },
  { name: 'Recraft', patterns: [/\brecraft(?:\.ai|\s+ai|\s+v\d)\b/i] },
  {
    name: 'Qwen / Hunyuan / Kolors / Seedream',
    // Hunyuan, Kolors, Jimeng and Doubao are also personal or brand names.
    patterns: [
      /\bqwen[-\s]image\b/i,
      /\btongyi wanxiang\b/i,
      /\bseedream\b/i,
      /\btencent hunyuan\b/i,
      /\bhunyuan[-\s]?(?:image|dit|video)\b/i,
      /\bkwai kolors\b/i,
      /\bjimeng ai\b/i,
      wholeField('hunyuan'),
      wholeField('kolors'),
      wholeField('jimeng'),
      wholeField('doubao'),
    ],
  },
  { name: 'an "AI generated" label', patterns: [/\bai[\s-]generated\b/i, /\bgenerated (?:by|with) ai\b/i, /\bmade with ai\b/i] },
];

/** Values longer than this are not scanned (prompts and workflows are, elsewhere). */
const MAX_VALUE_CHARS = 2000;

/** The generator a field value names, if any. */
export function matchGenerator(value: unknown): GeneratorName | undefined {
  if (typeof value !== 'string' || value.length > MAX_VALUE_CHARS) return undefined;
  return GENERATOR_NAMES.find((g) => g.patterns.some((p) => p.test(value)));
}

/** "Edited with Google AI": the value names the generator as the tool of an edit, not of the whole picture. */
export function namesAnEdit(value: string): boolean {
  return /\bedited (?:with|by|using)\b/i.test(value);
}
