import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { FinewsError } from '../errors.js';

/** ruby, kramdown or kramdown-parser-gfm is not installed: --verify cannot run. */
export class KramdownUnavailableError extends FinewsError {}

/**
 * Jekyll's kramdown settings (its defaults; GitHub Pages uses the same), minus
 * syntax highlighting, which changes markup but not text. One Ruby process
 * renders every document, one JSON line in and one out, so a corpus costs one
 * interpreter start.
 */
const SCRIPT = String.raw`
begin
  require "json"
  require "kramdown"
  require "kramdown-parser-gfm"
rescue LoadError => e
  STDERR.puts e.message
  exit 3
end
STDIN.set_encoding("UTF-8")
STDOUT.set_encoding("UTF-8")
OPTIONS = { input: "GFM", hard_wrap: false, auto_ids: true, entity_output: "as_char",
            smart_quotes: "lsquo,rsquo,ldquo,rdquo", toc_levels: (1..6).to_a, footnote_nr: 1,
            syntax_highlighter: nil }
STDOUT.puts JSON.generate({ "ready" => Kramdown::VERSION })
STDOUT.flush
while (line = STDIN.gets)
  reply = begin
    { "html" => Kramdown::Document.new(JSON.parse(line)["markdown"], OPTIONS).to_html }
  rescue Exception => e
    { "error" => "#{e.class}: #{e.message[0, 200]}" }
  end
  STDOUT.puts JSON.generate(reply)
  STDOUT.flush
end
`;

export interface VerifierOptions {
  /** Longest a document may take to render. */
  timeoutMs?: number;
  /** The Ruby to run (default: `ruby` on the PATH of `env`). */
  ruby?: string;
  /** The environment Ruby runs in: its PATH, GEM_PATH… */
  env?: Record<string, string | undefined>;
}

export type Rendering = { html: string; error?: undefined } | { html?: undefined; error: string };

interface Pending {
  resolve: (value: Rendering) => void;
  timer: NodeJS.Timeout;
}

export class KramdownRenderer {
  private readonly pending: Pending[] = [];
  private exited = false;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    readonly version: string,
    private readonly timeoutMs: number,
  ) {
    createInterface({ input: child.stdout }).on('line', (line) => this.reply(line));
    // A write after Ruby has gone fails with EPIPE; the exit handler answers what is pending.
    child.stdin.on('error', () => {});
    child.on('exit', () => {
      this.exited = true;
      for (const p of this.pending.splice(0)) {
        clearTimeout(p.timer);
        p.resolve({ error: 'kramdown stopped' });
      }
    });
  }

  /** Start Ruby and wait until kramdown is loaded. */
  static start(options: VerifierOptions = {}): Promise<KramdownRenderer> {
    return new Promise((resolve, reject) => {
      const child = spawn(options.ruby ?? 'ruby', ['-e', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const fail = (why: string) =>
        reject(new KramdownUnavailableError(`--verify needs ruby with kramdown and kramdown-parser-gfm (Debian: apt-get install jekyll): ${why}`));
      child.on('error', (error: NodeJS.ErrnoException) => fail(error.code === 'ENOENT' ? `${options.ruby ?? 'ruby'} not found` : error.message));
      const lines = createInterface({ input: child.stdout });
      lines.once('line', (line) => {
        lines.close();
        try {
          const version = (JSON.parse(line) as { ready: string }).ready;
          resolve(new KramdownRenderer(child, version, options.timeoutMs ?? 60_000));
        } catch {
          fail(`unexpected output: ${line.slice(0, 100)}`);
        }
      });
      child.once('exit', (code) => fail(code === 3 ? `cannot load ${stderr.trim().split('\n')[0]}` : `ruby exited with ${code}: ${stderr.trim().slice(0, 200)}`));
    });
  }

  render(markdown: string): Promise<Rendering> {
    if (this.exited) return Promise.resolve({ error: 'kramdown stopped' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        resolve({ error: `kramdown took longer than ${this.timeoutMs / 1000} s` });
        this.child.kill();
      }, this.timeoutMs);
      this.pending.push({ resolve, timer });
      this.child.stdin.write(`${JSON.stringify({ markdown })}\n`);
    });
  }

  renderMany(markdowns: readonly string[]): Promise<Rendering[]> {
    return Promise.all(markdowns.map((m) => this.render(m)));
  }

  async close(): Promise<void> {
    if (this.exited) return;
    const exit = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    await exit;
  }

  private reply(line: string): void {
    const next = this.pending.shift();
    if (!next) return;
    clearTimeout(next.timer);
    try {
      next.resolve(JSON.parse(line) as Rendering);
    } catch {
      next.resolve({ error: 'unreadable reply from kramdown' });
    }
  }
}
