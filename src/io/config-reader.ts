// Reading the values of relance.yaml one setting at a time, each problem collected with
// its line: a section of the config (mail, creditor, the invoices…) asks this for its
// keys and never needs to know where a line number comes from.

import { resolve } from 'node:path';
import { suggestion } from '../domain/closest.js';
import type { Issue } from '../domain/issue.js';
import { error, warning } from '../domain/issue.js';
import { quote, shorten } from '../domain/user-text.js';
import type { YamlPath } from './yaml-file.js';

export class ConfigReader {
  readonly issues: Issue[] = [];

  constructor(
    /** The config as named in messages. */
    readonly display: string,
    /** The folder its paths are relative to. */
    readonly dir: string,
    /** The settings, `${VAR}` expanded. */
    readonly data: Record<string, unknown>,
    readonly lineOf: (path: YamlPath) => number | undefined,
  ) {}

  fail(path: YamlPath, message: string, hint: string): null {
    this.issues.push(error(this.display, this.lineOf(path), path.join('.'), message, hint));
    return null;
  }

  warn(path: YamlPath, message: string, hint: string): void {
    this.issues.push(warning(this.display, this.lineOf(path), path.join('.'), message, hint));
  }

  /** The value at `path` (from the top of the file). */
  value(path: YamlPath): unknown {
    let node: unknown = this.data;
    for (const key of path) node = isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[key] : undefined;
    return node;
  }

  /** A single value as text, or null when absent or empty. */
  text(path: YamlPath, value: unknown = this.value(path)): string | null {
    if (value === undefined || value === null || value === '') return null;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return this.fail(path, 'expected a single value', 'write it on the same line as the key');
  }

  /** A path, made absolute from the config's folder. */
  path(key: string): string | null {
    const value = this.text([key]);
    return value === null ? null : resolve(this.dir, value);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const value = this.text([key]);
    if (value === null) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.fail([key], `${quote(value)} is not one of ${allowed.join(', ')}`, `write one of: ${allowed.join(', ')}`);
    return fallback;
  }

  /** A `key:` holding "key: value" lines; unknown keys in it are warned about. */
  section(key: string, known?: readonly string[]): Record<string, unknown> {
    const value = this.data[key];
    if (value === undefined || value === null || value === '') return {};
    if (!isRecord(value)) {
      this.issues.push(error(this.display, this.lineOf([key]), key, 'expected a section of "key: value" lines', `indent the ${key} settings under "${key}:"`));
      return {};
    }
    if (known) this.unknownKeys(value, [key], known);
    return value;
  }

  unknownKeys(map: Record<string, unknown>, path: YamlPath, known: readonly string[]): void {
    for (const key of Object.keys(map)) {
      if (known.includes(key)) continue;
      this.issues.push(warning(this.display, this.lineOf([...path, key]), shorten(key, 40), 'unknown setting, ignored', suggestion(key, known, `known settings: ${known.join(', ')}`)));
    }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
