/**
 * `npm run sites:report`: the per-site table of the real-page tier (see ./captures.ts). Prints,
 * for each capture, how many media a person would see and for how many of those in posts the
 * adapter found the post, its permalink and its author. `--list` also prints every medium.
 */
import { capturesMissing, listCaptures } from './captures';
import { type CaptureReport, measureCapture, tableOf } from './measure';

const missing = capturesMissing();
if (missing) {
  console.log(missing);
  process.exit(0);
}
const list = process.argv.includes('--list');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const reports: CaptureReport[] = [];
for (const capture of listCaptures()) {
  if (only.length && !only.some((o) => capture.name.includes(o))) continue;
  const report = await measureCapture(capture);
  reports.push(report);
  if (list) {
    console.log(`\n${capture.name} (${capture.address})`);
    for (const m of report.media) {
      if (m.skip) continue;
      console.log(`  #${m.index} ${m.label}${m.outside ? ` [outside: ${m.outside}]` : ''}\n      post=${m.postFound ? 'yes' : 'NO'} permalink=${m.permalink ?? '-'} author=${m.author ?? '-'}`);
    }
  }
}
console.log(`\n${tableOf(reports)}`);
