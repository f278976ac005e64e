import { promises as fs } from 'node:fs';
import path from 'node:path';
import { locatePost } from '../post/location.js';
import type { Site } from '../site/config.js';
import { expandInputs } from '../site/files.js';

/**
 * The files to lint: what `expandInputs` finds, plus the entries it leaves out
 * because they are not regular files (a folder, a symbolic link, a dangling
 * one) yet are named like posts, in the folders it walked. Each gets a
 * diagnostic instead of being passed over in silence.
 */
export async function lintInputs(inputs: readonly string[], cwd: string, site: Site): Promise<string[]> {
  const files = await expandInputs(inputs, cwd, site);
  const folders = new Set(files.map((f) => path.dirname(f)));
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    if ((await fs.stat(abs).catch(() => null))?.isDirectory()) folders.add(abs);
  }
  if (inputs.length === 0) for (const name of ['_posts', '_drafts']) folders.add(path.join(site.root, name));
  const listed = new Set(files);
  const strays: string[] = [];
  for (const folder of folders) {
    // Jekyll looks for posts only in these folders: elsewhere a name means nothing.
    if (!folder.split(path.sep).some((part) => part === '_posts' || part === '_drafts')) continue;
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isFile()) continue;
      const file = path.join(folder, entry.name);
      if (listed.has(file) || !locatePost(entry.name).filenameDate) continue;
      strays.push(file);
    }
  }
  return strays.length === 0 ? files : [...files, ...strays].sort();
}
