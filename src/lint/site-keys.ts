import type { KeyFact } from './check.js';
import { RULES_BY_ID } from './rules/index.js';
import { isSiteRule, type LintMessage, type Severity } from './types.js';

/** Lines past this are shown as this: the line shares one number with the file index. */
const LINE_SPACE = 2 ** 21;
/** Files named in one message; a larger group says how many more. */
const NAMED = 3;

interface Group {
  ruleId: string;
  label: string;
  members: number[];
}

/**
 * Cross-file keys (destinations, source links, titles with dates), grouped per
 * site. A key seen once costs one map entry holding a number; only keys shared
 * by several files keep their labels and member lists.
 */
export class SiteKeys {
  /** Per site and rule: key hash → the one file (and line) that has it so far. */
  private readonly first = new Map<string, Map<string, number>>();
  private readonly shared = new Map<string, Group>();

  add(root: number, file: number, fact: KeyFact): void {
    const space = `${root}:${fact.ruleId}`;
    let firsts = this.first.get(space);
    if (!firsts) this.first.set(space, (firsts = new Map()));
    const id = `${space}:${fact.key}`;
    const packed = file * LINE_SPACE + Math.min(fact.line, LINE_SPACE - 1);
    const group = this.shared.get(id);
    if (group) {
      group.members.push(packed);
      return;
    }
    const earlier = firsts.get(fact.key);
    if (earlier === undefined) firsts.set(fact.key, packed);
    else {
      firsts.delete(fact.key);
      this.shared.set(id, { ruleId: fact.ruleId, label: fact.label, members: [earlier, packed] });
    }
  }

  /** One message per file of each shared key, by file index. */
  messages(severityOf: (file: number, ruleId: string) => Severity, shown: (file: number) => string): Map<number, LintMessage[]> {
    const out = new Map<number, LintMessage[]>();
    for (const group of this.shared.values()) {
      const rule = RULES_BY_ID.get(group.ruleId);
      if (!rule || !isSiteRule(rule)) continue;
      const members = group.members.map((p) => ({ file: Math.floor(p / LINE_SPACE), line: p % LINE_SPACE })).sort((a, b) => a.file - b.file);
      for (const member of members) {
        const severity = severityOf(member.file, group.ruleId);
        if (severity === 'off') continue;
        const others = members.filter((m) => m.file !== member.file).map((m) => shown(m.file));
        if (others.length === 0) continue;
        const named = others.length > NAMED ? [...others.slice(0, NAMED), `${others.length - NAMED} more`] : others;
        const list = out.get(member.file) ?? [];
        list.push({ ruleId: group.ruleId, severity: severity === 'error' ? 2 : 1, message: rule.message(group.label, named), line: member.line, column: 1 });
        out.set(member.file, list);
      }
    }
    return out;
  }
}
