// The `clients:` setting of relance.yaml: the client directory's files (CSV, xlsx or YAML),
// one or a list, relative to the config. What is in them is read by client-files.ts.

import { resolve } from 'node:path';
import type { ConfigReader } from './config-reader.js';

export const CLIENT_KEYS = ['clients'] as const;

/** The directory's files, absolute; empty when the config names none. */
export function readClientFiles(reader: ConfigReader): string[] {
  const raw = reader.data.clients;
  if (raw === undefined || raw === null || raw === '') return [];
  const named = Array.isArray(raw) ? raw.map((v, i) => reader.text(['clients', i], v)) : [reader.text(['clients'])];
  return named.filter((v): v is string => v !== null).map((v) => resolve(reader.dir, v));
}
