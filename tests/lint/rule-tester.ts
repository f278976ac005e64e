import { describe, expect, it } from 'vitest';
import { parsePost, type Post } from '../../src/post/parse.js';
import { siteFromConfig, type Site } from '../../src/site/config.js';
import type { Guard } from '../../src/site/layouts.js';
import { checkPost } from '../../src/lint/check.js';
import { fixPost } from '../../src/lint/fix.js';
import { RULES, RULES_BY_ID } from '../../src/lint/rules/index.js';
import { DEFAULT_REQUIRED } from '../../src/lint/settings.js';
import { isSiteRule, type RuleContext, type Severity } from '../../src/lint/types.js';

export const NOW = new Date('2026-11-25T00:00:00Z');
const ROOT = '/site';

export interface Case {
  name: string;
  text: string;
  /** Relative to the site root; default `_posts/2022-01-06-post.md`. */
  path?: string;
  /** `_config.yml` text; default `timezone: Asia/Shanghai`. */
  config?: string;
  /** Layout names in `_layouts`; null for no folder (or a theme). */
  layouts?: string[] | null;
  /** Of those, the layouts that never show the page's body (no `content` in their Liquid). */
  bodiless?: string[];
  /** Of those, layouts that show the body only where these conditions lead (see Layout.bodyWhen). */
  bodyWhen?: Record<string, Guard[][]>;
  /** Of those, the fields of the page's own each layout shows (see Layout.playsWhen). */
  playsWhen?: Record<string, { key: string; when: Guard[] }[]>;
  required?: string[];
}

export interface Expected {
  message: string | RegExp;
  line?: number;
  column?: number;
}

export interface InvalidCase extends Case {
  errors: Expected[];
  /** The text after --fix; omit for a problem with no fix. */
  output?: string;
}

function contextFor(ruleId: string, c: Case): { site: Site; ctx: RuleContext } {
  const site = siteFromConfig(ROOT, `${ROOT}/_config.yml`, c.config ?? 'timezone: Asia/Shanghai\n');
  const severities: Record<string, Severity> = Object.fromEntries(RULES.map((r) => [r.id, 'off' as Severity]));
  severities[ruleId] = RULES_BY_ID.get(ruleId)!.severity === 'off' ? 'warn' : RULES_BY_ID.get(ruleId)!.severity;
  const names = c.layouts === undefined ? ['post', 'default'] : c.layouts;
  const layouts = names && new Map(names.map((name) => [name, { bodyWhen: c.bodyWhen?.[name] ?? (c.bodiless?.includes(name) ? [] : [[]]), playsWhen: c.playsWhen?.[name] ?? [] }]));
  return { site, ctx: { site, settings: { severities, required: c.required ?? DEFAULT_REQUIRED }, layouts } };
}

function parse(c: Case, text: string, site: Site): Post {
  return parsePost(text, `${ROOT}/${c.path ?? '_posts/2022-01-06-post.md'}`, site, { now: NOW });
}

/** ESLint's RuleTester, for one finews rule: each case alone, only this rule on. */
export function ruleTester(ruleId: string, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  const rule = RULES_BY_ID.get(ruleId);
  if (!rule || isSiteRule(rule)) throw new Error(`${ruleId} is not a per-file rule`);
  describe(ruleId, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, () => {
          const { site, ctx } = contextFor(ruleId, c);
          expect(checkPost(parse(c, c.text, site), ctx).messages).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          const { site, ctx } = contextFor(ruleId, c);
          const post = parse(c, c.text, site);
          const { messages } = checkPost(post, ctx);
          expect(messages.map((m) => m.ruleId)).toEqual(c.errors.map(() => ruleId));
          c.errors.forEach((e, i) => {
            const m = messages[i]!;
            if (typeof e.message === 'string') expect(m.message).toBe(e.message);
            else expect(m.message).toMatch(e.message);
            if (e.line !== undefined) expect(m.line).toBe(e.line);
            if (e.column !== undefined) expect(m.column).toBe(e.column);
          });
          const reparse = (text: string) => parse(c, text, site);
          const fixed = fixPost(post, ctx, reparse);
          expect(fixed.text).toBe(c.output ?? c.text);
          expect(messages.some((m) => m.fixable)).toBe(c.output !== undefined);
          if (c.output !== undefined) {
            // What --fix leaves, a second --fix leaves alone.
            expect(fixPost(reparse(fixed.text), ctx, reparse).text).toBe(fixed.text);
            expect(fixed.check.messages).toEqual([]);
          }
        });
      }
    });
  });
}
