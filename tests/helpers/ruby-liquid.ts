import { spawnSync } from 'node:child_process';

/** Ruby with Jekyll (and so the Liquid Jekyll runs): the oracle of the Liquid tests. CI installs it (.ci/run). */
export const hasRubyJekyll = spawnSync('ruby', ['-e', 'require "jekyll"'], { encoding: 'utf8' }).status === 0;
if (!hasRubyJekyll && process.env.CI) throw new Error('ruby with jekyll is not installed: .ci/run must install it');

/**
 * Each source through Liquid as Jekyll sets it up (error_mode warn, line
 * numbers, Jekyll's tags registered): Liquid's tokens, and the error that
 * parsing raises (null when it parses), and with `render` what it renders with
 * no variables. The look-ups of post_url, include and link are left to the
 * Jekyll builds.
 */
const SCRIPT = String.raw`
require "json"
require "jekyll"
Liquid::Template.error_mode = :warn
input = JSON.parse(STDIN.read)
render = input["render"]
out = input["sources"].map do |src|
  tokens = Liquid::Tokenizer.new(src).instance_variable_get(:@tokens).reject(&:empty?)
  error = nil
  line = nil
  output = nil
  begin
    template = Liquid::Template.parse(src, line_numbers: true)
    output = template.render!({}) if render
  rescue Liquid::Error => e
    error = e.message
    line = e.line_number
  rescue Exception => e # Jekyll's highlight raises Ruby's SyntaxError
    error = e.message
  end
  { tokens: tokens, error: error, line: line, output: output }
end
print JSON.generate(out)
`;

export interface RubyLiquidResult {
  tokens: string[];
  /** Liquid's message, e.g. "Liquid syntax error (line 1): Unknown tag 'foo'"; null when it parses. */
  error: string | null;
  line: number | null;
  /** What rendering with no variables gives (with `render`), null when parsing fails. */
  output: string | null;
}

export function rubyLiquid(sources: readonly string[], options: { render?: boolean } = {}): RubyLiquidResult[] {
  const r = spawnSync('ruby', ['-e', SCRIPT], { input: JSON.stringify({ sources, render: options.render ?? false }), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`ruby failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as RubyLiquidResult[];
}
