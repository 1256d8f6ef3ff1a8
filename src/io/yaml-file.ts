// YAML read with positions kept, so that a problem deep in a document can still be
// reported as file:line.

import { LineCounter, parseDocument, isMap, isSeq, isScalar, visit, type Document, type Node } from 'yaml';
import type { Issue } from '../domain/issue.js';
import { error } from '../domain/issue.js';
import { encodingIssue, readUserText } from './text-file.js';

export type YamlPath = readonly (string | number)[];

export interface YamlSource {
  /** The document as plain data (maps become objects, sequences arrays). */
  data: unknown;
  /** The 1-based line of the node at `path` (or of its nearest existing parent). */
  lineOf(path: YamlPath): number | undefined;
  issues: Issue[];
}

export interface YamlOptions {
  /** `failsafe` keeps every scalar a string, as written: `1234.50` stays "1234.50". */
  schema?: 'core' | 'failsafe';
}

export function parseYaml(text: string, file: string, options: YamlOptions = {}): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: options.schema ?? 'core' });
  const issues: Issue[] = [];
  for (const e of doc.errors) {
    const line = lineCounter.linePos(e.pos[0]).line;
    issues.push(error(file, line, undefined, `not valid YAML: ${firstLine(e.message)}`, 'check the indentation and the quotes on that line'));
  }
  const lineOf = (path: YamlPath): number | undefined => {
    let node: unknown = doc.contents;
    let line = lineOfNode(node as Node | null, lineCounter);
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
        if (!pair) break;
        line = lineOfNode(pair.key as Node, lineCounter) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        line = lineOfNode(node as Node, lineCounter) ?? line;
      } else {
        break;
      }
    }
    return line;
  };
  let data: unknown = null;
  if (issues.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      // The yaml package's guard against alias bombs ("billion laughs"): a few aliases
      // that expand to millions of nodes. Anything else it throws is a bug of ours.
      if (!(e instanceof ReferenceError && /alias/i.test(e.message))) throw e;
      issues.push(error(file, firstAliasLine(doc, lineCounter), undefined, 'too many aliases: the & and * references expand to far more than the file holds (an "alias bomb")', 'write the values out instead of repeating them with & and *'));
    }
  }
  return { data, lineOf, issues };
}

// An alias may stand for at most this many times the nodes of what it names (the yaml
// package's measure): enough for any hand-written reuse, far from an exponential bomb.
const MAX_ALIAS_COUNT = 100;

function firstAliasLine(doc: Document, counter: LineCounter): number | undefined {
  let line: number | undefined;
  visit(doc, {
    Alias(_, node) {
      line = lineOfNode(node, counter);
      return visit.BREAK;
    },
  });
  return line;
}

/** Reads and parses a YAML file; fs errors are thrown (the caller names the file), encoding problems are issues. */
export async function readYamlFile(path: string, displayName: string, options: YamlOptions = {}): Promise<YamlSource> {
  const read = await readUserText(path);
  if ('problem' in read) return { data: null, lineOf: () => undefined, issues: [encodingIssue(displayName, read.problem)] };
  return parseYaml(read.text, displayName, options);
}

function lineOfNode(node: Node | null | undefined, counter: LineCounter): number | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : counter.linePos(start).line;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
