/** Base64 → bytes (Chrome's runtime messages are JSON, so bytes travel as base64; pages encode with FileReader). */
export function base64ToBytes(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
