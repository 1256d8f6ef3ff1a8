// Where templates are looked for: the config's `templates:` folder first, then the
// shipped one, each with the name messages give it.

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from './config.js';
import { displayPath } from './paths.js';
import { SHIPPED_TEMPLATES_DIR } from './shipped.js';

export interface TemplateDir {
  path: string;
  /** How messages name the folder (as the user wrote it). */
  display: string;
}

export function templateDirsOf(config: Pick<Config, 'templates'>, cwd: string): TemplateDir[] {
  return [
    ...(config.templates ? [{ path: config.templates, display: displayPath(config.templates, cwd) }] : []),
    { path: SHIPPED_TEMPLATES_DIR, display: 'templates (shipped)' },
  ];
}

/** Every template name found in the folders, any language: what a policy may name. */
export async function templateNames(dirs: readonly TemplateDir[]): Promise<Set<string>> {
  const names = new Set<string>();
  for (const dir of dirs) {
    for (const language of ['fr', 'en']) {
      const files = await readdir(join(dir.path, language)).catch(() => [] as string[]);
      for (const f of files) if (f.endsWith('.hbs') && !f.endsWith('.html.hbs')) names.add(f.slice(0, -'.hbs'.length));
    }
  }
  return names;
}
