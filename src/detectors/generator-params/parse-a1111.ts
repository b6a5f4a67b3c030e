/**
 * AUTOMATIC1111 "parameters" text (also Forge, SD.Next, Fooocus):
 *   <prompt>\nNegative prompt: <…>\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512, Model: …
 * Only text whose last line has `Steps: <n>` counts, so a random `parameters` note does not.
 */

const SETTINGS_LINE = /(?:^|\n)(Steps: \d+[^\n]*)\s*$/;

/** `key: value, key: "quoted, value", …` (quoted values are JSON strings). */
function splitSettings(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\s*([\w .\-/()]+?):\s*("(?:\\.|[^"\\])*"|[^,]*)(?:,|$)/g;
  let m: RegExpExecArray | null;
  let guard = 0;
  while ((m = re.exec(line)) && guard++ < 200) {
    if (m[0] === '') break;
    const key = m[1]!.trim();
    let value = m[2]!.trim();
    if (value.startsWith('"')) {
      try {
        value = String(JSON.parse(value));
      } catch {
        /* keep as written */
      }
    }
    if (key) out[key] = value;
  }
  return out;
}

export function parseA1111(text: string): { prompt: string; settings: Record<string, string> } | undefined {
  if (text.length > 200_000) return undefined;
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  const m = SETTINGS_LINE.exec(normalized);
  if (!m) return undefined;
  const head = normalized.slice(0, m.index);
  const settings = splitSettings(m[1]!);
  const negAt = head.indexOf('\nNegative prompt:');
  const prompt = head.startsWith('Negative prompt:') ? '' : (negAt >= 0 ? head.slice(0, negAt) : head).trim();
  return { prompt, settings };
}
