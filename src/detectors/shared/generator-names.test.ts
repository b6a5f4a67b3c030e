/**
 * The reviewed generator list: every entry is tested with the strings real files carry (source in
 * generator-names.ts), and no camera, editor or phone string, nor a lookalike word, matches any entry.
 */
import { describe, expect, it } from 'vitest';
import { GENERATOR_NAMES, matchGenerator, namesAnEdit } from './generator-names';

/** Entry name → field values that must name it. */
const NAMED: Record<string, string[]> = {
  'Microsoft Image Creator / Designer': [
    'Image Creator from Designer',
    'Microsoft_Responsible_AI/1.0',
    'Microsoft Responsible AI Image Provenance',
    'Microsoft Responsible AI Image Provenance 1.0',
    'Bing Image Creator',
    'Image Creator from Microsoft Designer',
    'Microsoft Designer',
  ],
  'OpenAI DALL·E': ['DALL·E', 'DALL-E 3', 'Azure OpenAI DALL-E', 'dalle-3', 'DALL·E 2'],
  'OpenAI ChatGPT / GPT image': ['ChatGPT c2pa-rs/0.28.4', 'ChatGPT', 'OpenAI-API c2pa-rs/0.28.4', 'GPT-4o', 'gpt-image-1', 'Azure OpenAI ImageGen'],
  'OpenAI Sora': ['Sora', 'Sora 2', 'OpenAI Sora'],
  'Adobe Firefly': ['Adobe Firefly', 'Adobe_Firefly', 'Adobe_Firefly adobe_c2pa/0.12.4+sven2 c2pa-rs/0.32.7', 'Adobe Firefly Pipeline'],
  'Google Imagen / Gemini': ['Made with Google AI', 'Edited with Google AI', 'Google Imagen', 'Imagen 3', 'gemini-2.5-flash-image', 'Gemini', 'Nano Banana Pro', 'SynthID', 'Veo 3'],
  'Meta AI': ['Imagined with AI', 'Imagine with Meta AI', 'Meta AI Imagine'],
  'Amazon Titan / Nova': ['Titan Image Generator G1', 'Amazon Bedrock', 'Amazon Titan Image Generator v2', 'Amazon Nova Canvas'],
  Midjourney: ['Midjourney', 'Midjourney v6.1'],
  'Stability AI / Stable Diffusion': ['Stable Diffusion 1D44365E', 'Stability AI', 'SDXL 1.0', 'SD 3.5 Large', 'Stable Image Ultra', 'DreamStudio'],
  Ideogram: ['Ideogram AI', 'ideogram.ai', 'Ideogram', 'Ideogram 2.0'],
  'Leonardo.Ai': ['Leonardo.Ai', 'Leonardo AI'],
  Runway: ['RunwayML', 'Runway Gen-3 Alpha', 'Runway AI'],
  'FLUX (Black Forest Labs)': ['FLUX.1 [dev]', 'flux-schnell', 'FLUX.2', 'Black Forest Labs'],
  'xAI Grok': ['Grok', 'Grok Imagine', 'xAI Aurora'],
  NovelAI: ['NovelAI'],
  'Stable Diffusion front end (AUTOMATIC1111 / ComfyUI / InvokeAI / Fooocus)': ['AUTOMATIC1111', 'ComfyUI', 'InvokeAI 3.4', 'Fooocus 2.5'],
  'Kling AI': ['Kling AI'],
  Pika: ['Pika Labs', 'pika.art'],
  'Luma Dream Machine': ['Luma Dream Machine'],
  Krea: ['Krea.ai', 'Krea AI'],
  'Playground AI': ['Playground AI', 'Playground v2.5'],
  NightCafe: ['NightCafe Studio'],
  Craiyon: ['Craiyon'],
  'Canva Magic Media': ['Canva Magic Media'],
  Recraft: ['Recraft V3', 'recraft.ai'],
  'Qwen / Hunyuan / Kolors / Seedream': ['Qwen-Image', 'Seedream 4.0', 'Tencent Hunyuan', 'HunyuanImage', 'Kwai Kolors', 'Doubao', 'Jimeng AI'],
  'an "AI generated" label': ['AI-generated', 'Generated with AI', 'Made with AI'],
};

/** What cameras, editors and phones write, and words that only look like a generator. */
const NOT_GENERATORS = [
  // editors (camera-exif, c2pa-public-testfiles, c2pa-rs, contentauth/example-assets)
  'Adobe Photoshop 24.1 (Macintosh)',
  'Adobe Photoshop CS2 Windows',
  'Adobe Photoshop Elements 5.0 Windows',
  'Adobe_Photoshop/26.11.0 adobe_c2pa/0.14.2 c2pa-rs/0.43.0',
  'Adobe Photoshop 26.9.0',
  'Adobe Photoshop Lightroom Classic 13.0 (Macintosh)',
  'Adobe Lightroom 5.3',
  'Lightroom Mobile',
  'Adobe Content Authenticity',
  'GIMP 2.4.5',
  'Picasa',
  'Snapseed 2.0',
  'Microsoft Windows Photo Viewer 6.1.7600.16385',
  'Microsoft Photos',
  'Paint.NET v3.36',
  // cameras and phones
  'Google',
  'Pixel Camera',
  'HDR+ 1.0.540104767zd',
  'Google C2PA Core Generator Library',
  'Truepic Lens SDK libc2pa C++ Library 2.5.1',
  'Nikon_Z_9_Sample_for_Adobe_MAX_2022 c2pa-rs/0.14.0',
  'Samsung Galaxy S24 Ultra',
  'Version 1.0',
  'Ver.T2.10.gb',
  'iOS 17.4',
  'OpenAI',
  'Microsoft Corporation',
  // credits and lookalike words
  'Photo: Sora Tanaka',
  'Gemini Photos cleanup',
  'Editor de imagen',
  'Influx Studio',
  'Runway photo: Getty Images',
  'Photo by Jean Dalle',
  'Leonardo da Vinci',
  'Titan Photography',
  'Li Jimeng / Xinhua',
  'The Ideogram Press',
  'Grokking Pictures',
  'Flux Magazine',
  'Meta Platforms, Inc.',
  'Meta AI', // the glasses' companion app
  'Ray-Ban Meta Smart Glasses',
  'Digimarc Validate c2patool/0.7.0 c2pa-rs/0.28.3',
];

describe('generator names (the reviewed list)', () => {
  it('has a test case for every entry, and no case for an entry that is gone', () => {
    expect(Object.keys(NAMED).sort()).toEqual(GENERATOR_NAMES.map((g) => g.name).sort());
  });

  it.each(GENERATOR_NAMES.map((g) => [g.name, NAMED[g.name] ?? []] as const))('%s: named by %j', (name, values) => {
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(matchGenerator(value)?.name, value).toBe(name);
  });

  it.each(NOT_GENERATORS)('"%s" names no generator', (value) => {
    expect(matchGenerator(value)?.name).toBeUndefined();
  });

  it('skips non-strings and oversized values', () => {
    expect(matchGenerator(42)).toBeUndefined();
    expect(matchGenerator(`Midjourney ${'x'.repeat(2100)}`)).toBeUndefined();
  });

  it('tells an edit from a generation', () => {
    expect(namesAnEdit('Edited with Google AI')).toBe(true);
    expect(namesAnEdit('Made with Google AI')).toBe(false);
  });
});
