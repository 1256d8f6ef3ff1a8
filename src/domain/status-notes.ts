// What the law says about the invoices `status` lists, said once: a provisional rate is
// the same news for every invoice, and ten thousand "no formal notice" lines say less
// than one line with a count.

export type NoteKind = 'provisional' | 'no-notice' | 'limitation-near' | 'limitation-past' | 'bounced' | 'law';

export interface StatusNote {
  kind: NoteKind;
  invoice: string;
  text: string;
}

/** Kinds that can concern many invoices at once, and how they read as one line. */
const GROUPED: Partial<Record<NoteKind, (count: number, some: string) => string>> = {
  'no-notice': (n, some) => `${n} B2C invoices without a recorded formal notice (${some}): no interest on them yet — it runs from the day after a formal notice (mise en demeure, art. 1231-6 C. civ.)`,
  'limitation-past': (n, some) => `${n} invoices are time-barred (${some}): their limitation_date has passed (5 years B2B, art. L110-4 C. com.; 2 years B2C, art. L218-2 C. conso.; 4 years for a public buyer) and they have left the reminder cycle`,
  'limitation-near': (n, some) => `${n} invoices become time-barred within 6 months (${some}): act before their limitation_date — a reminder does not interrupt it (a written claim to a public buyer does)`,
  bounced: (n, some) => `${n} invoices have every e-mail address refused for good (${some}): their e-mail steps are passed over — fix the addresses in the invoice files, or "relance record INVOICE retry"; "relance log INVOICE" says what each server answered`,
};

/** Up to this many notes of a kind are told one by one; beyond, one line with a count. */
const ONE_BY_ONE = 5;
const NAMED = 5;
/** Notes that cannot be grouped (each says something of its own) are kept up to this many. */
const KEPT = 100;

export class StatusNotes {
  private readonly byKind = new Map<NoteKind, { first: StatusNote[]; count: number }>();
  private readonly seen = new Set<string>();

  add(note: StatusNote): void {
    if (note.kind === 'provisional') {
      this.seen.add(note.text);
      return;
    }
    let group = this.byKind.get(note.kind);
    if (!group) this.byKind.set(note.kind, (group = { first: [], count: 0 }));
    group.count += 1;
    if (group.first.length < (note.kind in GROUPED ? Math.max(ONE_BY_ONE, NAMED) : KEPT)) group.first.push(note);
  }

  /** The lines to show: provisional rates, then each kind, grouped where there are many. */
  lines(): string[] {
    const lines = [...this.seen];
    for (const [kind, { first, count }] of this.byKind) {
      const group = GROUPED[kind];
      if (!group || count <= ONE_BY_ONE) {
        for (const n of first) lines.push(`${n.invoice}: ${n.text}`);
        if (count > first.length) lines.push(`… and ${count - first.length} more invoices with notes like these`);
        continue;
      }
      const named = first.slice(0, NAMED).map((n) => n.invoice);
      lines.push(group(count, `${named.join(', ')} and ${count - named.length} more`));
    }
    return lines;
  }
}
