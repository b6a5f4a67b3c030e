/**
 * The reviewed list of AI image and video generators, as their names appear in the fields a file
 * uses to name the tool that made it: C2PA `claim_generator` / `claim_generator_info` and an
 * action's `softwareAgent`, EXIF `Make` / `Software`, XMP `CreatorTool`, IPTC/XMP `Credit`, PNG
 * `Software` / `Source`. One list for the C2PA and the metadata detectors.
 *
 * Review rules (generator-names.test.ts has a case per entry and the editors that must not match):
 * - Whole product names only, on word boundaries. A vendor alone is not a generator ("Google",
 *   "OpenAI" and "Microsoft" sign camera, editor and press files too), and a word that is also a
 *   name or an English word ("Sora", "Gemini", "Imagen", "Grok", "Ideogram") counts only when it is
 *   the whole field, with at most a version after it.
 * - Editors that also have AI features (Photoshop, Lightroom, phone galleries) are not here: their
 *   AI edits are declared by a digital source type or by a generator named as the edit's agent.
 * - Each entry says where its names were seen. "Product name" means the vendor's own name for the
 *   product, not yet seen inside a file.
 */

export interface GeneratorName {
  /** Display name for the card. */
  name: string;
  patterns: RegExp[];
}

/** The whole field is `word`, optionally followed by a version ("Sora", "Sora 2", "Grok/1.0"). */
const wholeField = (word: string): RegExp => new RegExp(`^\\s*${word}(?:[\\s/_-]*v?\\d+(?:\\.\\d+)*)?\\s*$`, 'i');

export const GENERATOR_NAMES: GeneratorName[] = [
  {
    // C2PA claim_generator "Microsoft_Responsible_AI/1.0", claim_generator_info "Microsoft Responsible
    // AI Image Provenance" and softwareAgent "Image Creator from Designer": Bing Image Creator JPEGs
    // (issue 13; the same strings quoted from signed Bing JPEGs of Feb 2024 in a public C2PA note).
    // "Bing Image Creator", "Microsoft Designer", "Copilot Designer": product names.
    name: 'Microsoft Image Creator / Designer',
    patterns: [/\bimage creator from (?:microsoft )?designer\b/i, /\bbing image creator\b/i, /\bmicrosoft[\s_]responsible[\s_]ai\b/i, /\bmicrosoft designer\b/i, /\bcopilot designer\b/i],
  },
  {
    // softwareAgent "DALL·E" (OpenAI API, Tebs-Lab/lab-report-code 2024-03-03/cape-bear-manifest.json);
    // "Azure OpenAI DALL-E": product name.
    name: 'OpenAI DALL·E',
    // A separator or a version is required: "Dalle" alone is a surname in photo credits.
    patterns: [/\bdall[-·‧.\s_]e\b/i, /\bdalle[\s_-]?[23]\b/i],
  },
  {
    // claim_generator "ChatGPT c2pa-rs/0.28.4" and "OpenAI-API c2pa-rs/0.28.4" (cape-bear-manifest.json
    // above); claim_generator_info "ChatGPT" with softwareAgent {name: "GPT-4o"}
    // (contentauth/example-assets images/manifests/ChatGPT_Image.json); "gpt-image-1": model name.
    name: 'OpenAI ChatGPT / GPT image',
    patterns: [/\bchatgpt\b/i, /\bgpt-?4o\b/i, /\bgpt-image(?:-\d)?\b/i, /\bopenai[-_ ]api\b/i, /\bazure openai\b/i],
  },
  {
    // claim_generator_info "Sora" and softwareAgent {name: "Sora"} (contentauth/example-assets
    // videos/manifests/sora.json).
    name: 'OpenAI Sora',
    patterns: [wholeField('sora'), /\bopenai sora\b/i],
  },
  {
    // softwareAgent "Adobe Firefly" (../shared/data/provenance/ai-credentials/firefly-genai-digimarc.jpg;
    // on an edit in c2pa-rs/ocsp.jpg); claim_generator "Adobe_Firefly adobe_c2pa/0.12.4+sven2
    // c2pa-rs/0.32.7" (contentauth/verify-site issue 316) and "Adobe_Firefly"
    // (contentauth/example-assets images/manifests/Firefly_tabby_cat.json).
    name: 'Adobe Firefly',
    patterns: [/\badobe[\s_]firefly\b/i],
  },
  {
    // IPTC Credit "Made with Google AI" (Imagen / Gemini output) and "Edited with Google AI" (Google
    // Photos edits: counts as an edit), both quoted in public metadata-stripping scripts; "Imagen",
    // "Gemini", "Nano Banana", "SynthID", "Veo": product names. Google's C2PA on Gemini output names
    // the library "Google C2PA Core Generator Library" (quoted from Gemini PNGs in public notes), not
    // a product, and declares trainedAlgorithmicMedia itself: the library name is not listed.
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
  {
    // "Imagined with AI" is the label Meta AI puts on its images; "Imagine with Meta AI": product
    // name. "Meta AI" alone is not matched: it is also the app that imports Ray-Ban Meta glasses photos.
    name: 'Meta AI',
    patterns: [/\bimagined with ai\b/i, /\bimagine (?:with|by) meta ai\b/i, /\bmeta (?:ai )?imagine\b/i],
  },
  {
    // claim_generator "Amazon Bedrock" and softwareAgent "Titan Image Generator G1"
    // (../shared/data/provenance/ai-credentials/amazon-titan-g1.png, from TrustNXT/c2pa-ts);
    // "Amazon Nova Canvas": product name.
    name: 'Amazon Titan / Nova',
    patterns: [/\btitan image generator\b/i, /\bamazon titan\b/i, /\bamazon bedrock\b/i, /\bnova canvas\b/i],
  },
  {
    // Product name; Midjourney's own files declare a digital source type
    // (../shared/data/provenance/iptc-midjourney).
    name: 'Midjourney',
    patterns: [/\bmidjourney\b/i],
  },
  {
    // PNG Source "Stable Diffusion 1D44365E" (NovelAI output, d3x-at/sd-parsers tests/resources);
    // "Stability AI", "SDXL", "SD 3.5", "Stable Image Ultra/Core", "DreamStudio": product names.
    name: 'Stability AI / Stable Diffusion',
    patterns: [/\bstable[\s_-]?diffusion\b/i, /\bstability[\s_-]?ai\b/i, /\bsdxl\b/i, /\bsd[\s_-]?(?:1\.5|2\.1|3\.5)\b/i, /\bstable image (?:ultra|core)\b/i, /\bdreamstudio\b/i],
  },
  {
    // EXIF Make "Ideogram AI" (issue 13); "ideogram.ai": product site.
    name: 'Ideogram',
    patterns: [/\bideogram(?:\.ai|\s+ai)\b/i, wholeField('ideogram')],
  },
  {
    // Product name ("Leonardo.Ai").
    name: 'Leonardo.Ai',
    patterns: [/\bleonardo[\s.]?ai\b/i],
  },
  {
    // Product names ("Runway Gen-3", "RunwayML"); "Runway" alone is a fashion word in credits.
    name: 'Runway',
    patterns: [/\brunway[\s_]?ml\b/i, /\brunway (?:gen-?\d|ai)\b/i],
  },
  {
    // Product names ("FLUX.1 [dev]", "FLUX.2", "Black Forest Labs"); "Flux" alone is a common word.
    name: 'FLUX (Black Forest Labs)',
    patterns: [/\bflux\.\d\b/i, /\bflux[\s_-](?:pro|dev|schnell|kontext)\b/i, /\bblack forest labs\b/i],
  },
  {
    // Product names ("Grok Imagine", "Aurora" by xAI).
    name: 'xAI Grok',
    patterns: [/\bgrok imagine\b/i, /\bxai aurora\b/i, wholeField('grok')],
  },
  {
    // PNG Software "NovelAI" (d3x-at/sd-parsers tests/resources, in
    // ../shared/data/provenance/generator-metadata/parsers/NovelAI).
    name: 'NovelAI',
    patterns: [/\bnovel\s?ai\b/i],
  },
  {
    // Local Stable Diffusion front ends (their settings are read by the generator-params detector;
    // named here when a tool field carries them): product names.
    name: 'Stable Diffusion front end (AUTOMATIC1111 / ComfyUI / InvokeAI / Fooocus)',
    patterns: [/\bautomatic1111\b/i, /\bcomfyui\b/i, /\binvoke\s?ai\b/i, /\bfooocus\b/i],
  },
  {
    // Product names.
    name: 'Kling AI',
    patterns: [/\bkling[\s_]?ai\b/i],
  },
  {
    // Product names.
    name: 'Pika',
    patterns: [/\bpika[\s_]?labs\b/i, /\bpika\.art\b/i],
  },
  {
    // Product name.
    name: 'Luma Dream Machine',
    patterns: [/\bluma(?: ai)? dream machine\b/i],
  },
  {
    // Product names.
    name: 'Krea',
    patterns: [/\bkrea[\s.]?ai\b/i],
  },
  {
    // Product names.
    name: 'Playground AI',
    patterns: [/\bplayground\s?(?:ai|v\d)\b/i],
  },
  {
    // Product names.
    name: 'NightCafe',
    patterns: [/\bnightcafe\b/i],
  },
  {
    // Product names.
    name: 'Craiyon',
    patterns: [/\bcraiyon\b/i],
  },
  {
    // Product name (Canva's generator).
    name: 'Canva Magic Media',
    patterns: [/\bcanva magic media\b/i],
  },
  {
    // Product names ("Recraft V3", "recraft.ai").
    name: 'Recraft',
    patterns: [/\brecraft(?:\.ai|\s+ai|\s+v\d)\b/i],
  },
  {
    // Product names (Alibaba's Qwen-Image and Tongyi Wanxiang, Tencent Hunyuan, Kuaishou Kolors,
    // ByteDance Seedream / Jimeng / Doubao).
    name: 'Qwen / Hunyuan / Kolors / Seedream',
    // Hunyuan, Kolors, Jimeng and Doubao are also personal or brand names: vendor prefix or whole field.
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
  {
    // Labels people and platforms write ("AI generated", Meta's earlier "Made with AI").
    name: 'an "AI generated" label',
    patterns: [/\bai[\s-]generated\b/i, /\bgenerated (?:by|with) ai\b/i, /\bmade with ai\b/i],
  },
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
