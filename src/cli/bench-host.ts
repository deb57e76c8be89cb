// The extension host's own work on an edit, for `npm run bench`: each worst-case document of host-documents.ts
// after a one-character edit in its middle, through what the host's providers and listeners call. What runs in
// the analysis worker (diagnostics, outline, hover, the preview's payload) is measured as the host's busy time
// while the worker answers (sending the text, receiving the result); the worker's own time is printed beside
// it. The engine is measured by bench-worker.ts. Issue 13's target: no edit of a document up to 1 MB costs the
// host more than 50 ms.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AnalysisClient } from '../analysis/client';
import { sourceAnalysisWorker } from '../analysis/source-worker';
import type { AnalysisArgs, AnalysisCall } from '../analysis/calls';
import { GhostTextScheduler } from '../features/completion/ghost-text-scheduler';
import { renderKey, type PreviewSource } from '../features/preview/render-payload';
import { readSettings } from '../features/settings';
import { statusText } from '../features/status-text';
import type { NotationLanguage } from '../notation';
import { resolveCorporaDir } from './bench-tokenizers';
import { hostDocuments, type HostDocument } from './host-documents';

const HOST_TARGET_MS = 50;

function emit(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

/** The document as the host sees it after the user typed one character at the end of its middle line. */
export interface EditedDocument {
  language: NotationLanguage;
  text: string;
  /** The cursor, just after the character typed. */
  offset: number;
  version: number;
}

/** A note typed at the end of the middle line (ABC), or Enter there to begin the next frame (a chorale). */
export function editInTheMiddle(doc: HostDocument): EditedDocument {
  const nl = doc.text.indexOf('\n', doc.text.length >> 1);
  const at = nl < 0 ? doc.text.length : nl;
  const typed = doc.language === 'abc' ? 'A' : '\n';
  return { language: doc.language, text: doc.text.slice(0, at) + typed + doc.text.slice(at), offset: at + 1, version: 2 };
}

interface HostOperation {
  name: string;
  /** When the host does it. */
  when: string;
  languages: readonly NotationLanguage[];
  /** On the host itself, or a call of the analysis worker. */
  run: ((doc: EditedDocument) => unknown) | { [C in AnalysisCall]: { call: C; args(doc: EditedDocument): AnalysisArgs<C>; onHost?(result: unknown): unknown } }[AnalysisCall];
}

function previewSource(doc: EditedDocument): PreviewSource {
  return { uri: 'file:///bench', fileName: 'bench', version: doc.version, languageId: doc.language, text: doc.text, cursor: doc.offset };
}

/** A hover over the character typed (ABC), or over the first token of the frame line the cursor ends (a chorale). */
function hoverOffset(doc: EditedDocument): number {
  if (doc.language === 'abc') return doc.offset - 1;
  return doc.text.lastIndexOf('\n', doc.offset - 2) + 2;
}

const SUGGESTION: Record<NotationLanguage, string> = { abc: 'B2 cd e2 fg|', satb: '(72,False) (67,False) (64,False) (48,False) |||' };

/** Settings as a user who changed none has them, with no debounce (the wait is a timer, not work). */
const SETTINGS = { ...readSettings(() => undefined, true), completion: { ...readSettings(() => undefined, true).completion, delayMs: 0 } };

const OPERATIONS: readonly HostOperation[] = [
  { name: 'diagnostics', when: '250 ms after typing stops', languages: ['abc', 'satb'], run: { call: 'check', args: (d) => ({ language: d.language, text: d.text }) } },
  { name: 'outline', when: 'document symbols and folding, once per edit', languages: ['abc'], run: { call: 'outline', args: (d) => ({ text: d.text }) } },
  { name: 'hover', when: 'the mouse over a note', languages: ['abc', 'satb'], run: { call: 'hover', args: (d) => ({ languageId: d.language, text: d.text, offset: hoverOffset(d) }) } },
  {
    name: 'preview render',
    when: 'at most every 300 ms while typing, with the preview open',
    languages: ['abc', 'satb'],
    // The panel's render key on the host, the message from the worker, serialised on the host by postMessage.
    run: { call: 'render', args: (d) => (renderKey(previewSource(d)), { source: previewSource(d) }), onHost: (message) => JSON.stringify(message) },
  },
  { name: 'preview cursor', when: 'every cursor move, with the preview open', languages: ['abc', 'satb'], run: (d) => renderKey(previewSource(d)) },
  {
    name: 'ghost text (host side)',
    when: 'every keystroke: position check, length, cache key, filters; the model runs in the worker',
    languages: ['abc', 'satb'],
    run: async (d) => {
      const scheduler = new GhostTextScheduler({ settings: () => SETTINGS, complete: async () => [{ text: SUGGESTION[d.language] }] });
      return scheduler.provide({ language: d.language, text: d.text, offset: d.offset, explicit: false });
    },
  },
  {
    name: 'status bar',
    when: 'every change of the models’ state',
    languages: ['abc', 'satb'],
    run: () => statusText({ loaded: [{ language: 'abc', name: 'abc', provider: 'cpu' }], loading: [], failed: [], busy: 1 } as never),
  },
];

const round = (x: number) => +x.toFixed(1);

interface Run {
  /** The host's event loop busy with it (all of it, for work on the host). */
  hostMs: number;
  /** From the request to the answer (for work in the worker). */
  wallMs: number;
}

async function runOnce(op: HostOperation, doc: EditedDocument, analysis: AnalysisClient): Promise<Run> {
  const before = performance.eventLoopUtilization();
  const started = performance.now();
  if (typeof op.run === 'function') {
    await op.run(doc);
  } else {
    const { call, args, onHost } = op.run;
    const result = await analysis.call(call, args(doc) as never);
    onHost?.(result);
  }
  const wallMs = performance.now() - started;
  // Work on the host shows as busy time too; a call's wait for the worker does not.
  return { hostMs: typeof op.run === 'function' ? wallMs : performance.eventLoopUtilization(before).active, wallMs };
}

/** Median and worst of `runs` runs after one to warm up; fewer once a run takes more than a second. */
async function timeRuns(op: HostOperation, doc: EditedDocument, runs: number, analysis: AnalysisClient) {
  await runOnce(op, doc, analysis);
  const all: Run[] = [];
  for (let i = 0; i < runs; i++) {
    all.push(await runOnce(op, doc, analysis));
    if (all.length >= 3 && all[all.length - 1].wallMs > 1000) break;
  }
  const stat = (xs: number[]) => (xs.sort((a, b) => a - b), { median: round(xs[xs.length >> 1]), worst: round(xs[xs.length - 1]) });
  return { host: stat(all.map((r) => r.hostMs)), wall: stat(all.map((r) => r.wallMs)), runs: all.length };
}

function analysisWorker(): { script: string; execArgv?: string[] } {
  const bundled = join(__dirname, 'analysis-worker.js');
  return __filename.endsWith('.ts') || !existsSync(bundled) ? sourceAnalysisWorker() : { script: bundled };
}

export async function benchHost(options: { corpora?: string; runs?: number } = {}): Promise<void> {
  const runs = options.runs ?? 5;
  const analysis = new AnalysisClient({ ...analysisWorker(), callTimeoutMs: 120_000 });
  let worst = { ms: 0, document: '', operation: '' };
  try {
    for (const doc of hostDocuments(resolveCorporaDir(options.corpora))) {
      const edited = editInTheMiddle(doc);
      for (const op of OPERATIONS) {
        if (!op.languages.includes(doc.language)) continue;
        const t = await timeRuns(op, edited, runs, analysis);
        const where = typeof op.run === 'function' ? { on: 'host' } : { on: 'analysis worker', worker_median_ms: t.wall.median, worker_worst_ms: t.wall.worst };
        emit({ bench: `host edit: ${doc.name}: ${op.name}`, bytes: edited.text.length, host_median_ms: t.host.median, host_worst_ms: t.host.worst, runs: t.runs, ...where, when: op.when });
        if (t.host.worst > worst.ms) worst = { ms: t.host.worst, document: doc.name, operation: op.name };
      }
    }
  } finally {
    analysis.dispose();
  }
  emit({ bench: 'host edit: worst of all documents and operations', host_worst_ms: worst.ms, document: worst.document, operation: worst.operation, target_ms: HOST_TARGET_MS, met: worst.ms <= HOST_TARGET_MS });
}
