import type { KeyFact } from './check.js';
import { RULES_BY_ID } from './rules/index.js';
import { isSiteRule, type LintMessage, type Severity } from './types.js';

/** Lines past this are shown as this: the line shares one number with the file index. */
const LINE_SPACE = 2 ** 21;
/** Files named in one message; a larger group says how many more. */
const NAMED = 3;

interface Group {
  ruleId: string;
  key: [number, number];
  /** null until a member brings one (a file read from the cache may not). */
  label: string | null;
  members: number[];
}

/** A shared key: its rule, hash, label and files. */
export interface SharedKey {
  ruleId: string;
  key: readonly [number, number];
  label: string;
  files: number[];
}

/**
 * Cross-file keys (destinations, source links, titles with dates), grouped per
 * site and rule. A key seen once costs ~25 bytes in an open-addressing table of
 * typed arrays (no object per key); only keys shared by several files keep a
 * label and a member list.
 */
export class SiteKeys {
  /** By site, then rule: no string is made for each of a million keys. */
  private readonly tables = new Map<number, Map<string, KeyTable>>();
  private readonly groups: Group[] = [];

  /**
   * `label` is asked for only when a second file shares the key. Labels depend
   * on the key alone, so any member's label words the group.
   */
  add(root: number, file: number, fact: Omit<KeyFact, 'label'>, label?: () => string): void {
    let site = this.tables.get(root);
    if (!site) this.tables.set(root, (site = new Map()));
    let table = site.get(fact.ruleId);
    if (!table) site.set(fact.ruleId, (table = new KeyTable()));
    const packed = file * LINE_SPACE + Math.min(fact.line, LINE_SPACE - 1);
    const slot = table.find(fact.key[0], fact.key[1]);
    const held = table.value[slot]!;
    if (held === 0) table.put(slot, fact.key[0], fact.key[1], packed);
    else if (held < 0) {
      const group = this.groups[-held - 1]!;
      group.members.push(packed);
      group.label ??= label?.() ?? null;
    } else {
      this.groups.push({ ruleId: fact.ruleId, key: [fact.key[0], fact.key[1]], label: label?.() ?? null, members: [held, packed] });
      table.value[slot] = -this.groups.length;
    }
  }

  /**
   * One message per file of each shared key, by file index. `labelOf` reads a
   * member's label again when no member brought one; `reported` leaves out
   * files that are only compared with (posts of the site that were not named).
   */
  messages(
    severityOf: (file: number, ruleId: string) => Severity,
    shown: (file: number) => string,
    labelOf: (file: number, ruleId: string, key: readonly [number, number]) => string = () => '?',
    reported: (file: number) => boolean = () => true,
  ): Map<number, LintMessage[]> {
    const out = new Map<number, LintMessage[]>();
    for (const group of this.groups) {
      const rule = RULES_BY_ID.get(group.ruleId);
      if (!rule || !isSiteRule(rule)) continue;
      const members = group.members.map((p) => ({ file: Math.floor(p / LINE_SPACE), line: p % LINE_SPACE })).sort((a, b) => a.file - b.file);
      group.label ??= labelOf(members[0]!.file, group.ruleId, group.key);
      // Linear in the group: each member names the first few others and counts the rest.
      const count = members.length - 1;
      for (const member of members) {
        const severity = severityOf(member.file, group.ruleId);
        if (severity === 'off' || count === 0 || !reported(member.file)) continue;
        const first: string[] = [];
        for (const m of members) {
          if (first.length === Math.min(count, NAMED)) break;
          if (m.file !== member.file) first.push(shown(m.file));
        }
        const named = count > NAMED ? [...first, `${count - NAMED} more`] : first;
        const list = out.get(member.file) ?? [];
        list.push({ ruleId: group.ruleId, severity: severity === 'error' ? 2 : 1, message: rule.message(group.label, named), line: member.line, column: 1 });
        out.set(member.file, list);
      }
    }
    return out;
  }

  /** The keys several files share, after `messages` (which settles every label). */
  *shared(): Generator<SharedKey> {
    for (const g of this.groups) yield { ruleId: g.ruleId, key: g.key, label: g.label ?? '', files: g.members.map((p) => Math.floor(p / LINE_SPACE)) };
  }
}

/** Open addressing over typed arrays: value 0 is an empty slot, >0 one file, <0 a group. */
class KeyTable {
  h1 = new Float64Array(1024);
  h2 = new Uint32Array(1024);
  value = new Float64Array(1024);
  private size = 0;

  /** `b` is kept to 32 bits: with the 53 of `a`, 85 bits tell keys apart. */
  find(a: number, b: number): number {
    b >>>= 0;
    const mask = this.value.length - 1;
    for (let slot = (a % 4294967296) & mask; ; slot = (slot + 1) & mask) {
      if (this.value[slot] === 0 || (this.h1[slot] === a && this.h2[slot] === b)) return slot;
    }
  }

  put(slot: number, a: number, b: number, value: number): void {
    this.h1[slot] = a;
    this.h2[slot] = b;
    this.value[slot] = value;
    // Linear probing stays short up to 85% full; the tables are most of lint's memory at 100 000 posts.
    if (++this.size * 20 > this.value.length * 17) this.grow();
  }

  private grow(): void {
    const { h1, h2, value } = this;
    this.h1 = new Float64Array(value.length * 2);
    this.h2 = new Uint32Array(value.length * 2);
    this.value = new Float64Array(value.length * 2);
    for (let i = 0; i < value.length; i++) {
      if (value[i] === 0) continue;
      const slot = this.find(h1[i]!, h2[i]!);
      this.h1[slot] = h1[i]!;
      this.h2[slot] = h2[i]!;
      this.value[slot] = value[i]!;
    }
  }
}
