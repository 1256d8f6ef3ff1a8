// `${VAR}` in relance.yaml: any value may come from the environment (a cron sets what a
// shell does not), except that a secret may go only where relance never prints it.

import type { YamlPath } from './yaml-file.js';
import { isRecord } from './config-reader.js';

export interface Expansion {
  /** A variable that is not set. */
  missing: (p: YamlPath, name: string) => void;
  /** A secret's variable outside mail.smtp: its value would be printed or mailed. */
  secret: (p: YamlPath, name: string) => void;
}

// A variable whose name says it holds a secret; only mail.smtp may use one (and never prints it).
const SECRET_NAME = /PASSWORD|SECRET|TOKEN/i;

/**
 * Replaces `${NAME}` in every string value by the environment variable; a value that
 * names one that is not set becomes null (never half a path or half a URL), and so does
 * a secret's outside mail.smtp (never expanded, never shown).
 */
export function expandEnv(value: unknown, path: (string | number)[], env: Readonly<Record<string, string | undefined>>, on: Expansion): unknown {
  if (typeof value === 'string') {
    let dropped = false;
    const smtp = path.length === 2 && path[0] === 'mail' && path[1] === 'smtp';
    const expanded = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      if (!smtp && SECRET_NAME.test(name)) {
        on.secret(path, name);
        dropped = true;
        return '';
      }
      const v = env[name];
      if (v === undefined) {
        on.missing(path, name);
        dropped = true;
      }
      return v ?? '';
    });
    return dropped ? null : expanded;
  }
  if (Array.isArray(value)) return value.map((v, i) => expandEnv(v, [...path, i], env, on));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v, [...path, k], env, on)]));
  return value;
}
