import { spawnSync } from 'node:child_process';
import { parseFragment } from '../../src/convert/dom.js';
import { KramdownRenderer } from '../../src/convert/kramdown.js';
import { visibleContent, type Visible } from '../../src/convert/verify.js';

/** kramdown is the oracle; CI installs it with Jekyll, so there its absence is a failure. */
export const hasKramdown =
  spawnSync('ruby', ['-e', 'require "kramdown"; require "kramdown-parser-gfm"'], { encoding: 'utf8' }).status === 0;
if (!hasKramdown && process.env.CI) throw new Error('ruby with kramdown is not installed: .ci/run must install jekyll');

let renderer: Promise<KramdownRenderer> | undefined;

/** One kramdown process for the whole test file; closed by `closeKramdown`. */
export async function render(markdown: string): Promise<string> {
  renderer ??= KramdownRenderer.start();
  const r = await (await renderer).render(markdown);
  if (r.error !== undefined) throw new Error(r.error);
  return r.html!;
}

export async function closeKramdown(): Promise<void> {
  if (renderer) await (await renderer).close();
  renderer = undefined;
}

/** What a reader sees of this Markdown once kramdown has rendered it. */
export async function seen(markdown: string): Promise<Visible> {
  return visibleContent(parseFragment(await render(markdown)));
}
