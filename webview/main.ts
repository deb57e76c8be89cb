// The preview page: draws what the host sends, reports clicks, follows the cursor, plays.
import type { HostToPage, PlaybackState, PlaySpan, PreviewDiagnostic, RenderedMessage, RenderMessage, SurprisalMark } from '../src/preview-protocol/messages';
import { SURPRISAL_BUCKETS } from '../src/preview-protocol/surprisal-buckets';
import { RenderGate } from './render-gate';
import { onHostMessage, postToHost, readSettings, saveState } from './host';
import { Player } from './player';
import { Score } from './score';

const scoreElement = byId('score');
const diagnosticsElement = byId('diagnostics');
const statusElement = byId('status');
const playButton = byId('play') as HTMLButtonElement;
const stopButton = byId('stop') as HTMLButtonElement;
const legendElement = byId('surprisal-legend');

const gate = new RenderGate();
const score = new Score(scoreElement, (range, render) =>
  postToHost({ type: 'reveal-source', uri: render.uri, version: render.version, start: range.start, end: range.end }),
);
const player = new Player(readSettings().soundFontUrl, {
  state: (state, detail) => {
    showPlayback(state, detail);
    postToHost({ type: 'playback', state, ...(detail ? { detail } : {}) });
  },
  sounding: (elements, abcStarts) => {
    score.showPlaying(elements);
    if (lastRender) postToHost({ type: 'sounding', uri: lastRender.uri, ranges: score.sourceRanges(abcStarts) });
  },
});
let lastRender: RenderMessage | undefined;
/** What the page last told the host about the drawing; sent again with a new surprisal count. */
let lastReport: RenderedMessage | undefined;

onHostMessage((message) => {
  try {
    handle(message);
  } catch (err) {
    // The page must survive whatever a document makes abcjs do; the next render starts afresh.
    const text = err instanceof Error ? err.message : String(err);
    showDiagnostics([{ severity: 'error', message: `Preview failed: ${text}`, line: 0, column: 0 }], []);
    postToHost({ type: 'page-error', message: text });
  }
});

function handle(message: HostToPage): void {
  switch (message.type) {
    case 'render':
      return render(message);
    case 'cursor':
      if (lastRender?.uri === message.uri) score.showCursor(message.offset);
      return;
    case 'playback-command':
      return playbackCommand(message.command, message.span);
    case 'surprisal':
      if (lastReport?.uri === message.uri && lastReport.version === message.version) {
        lastReport = { ...lastReport, surprisalNotes: showSurprisal(message.marks) };
        postToHost(lastReport);
      }
      return;
  }
}

function showSurprisal(marks: SurprisalMark[]): number {
  const coloured = score.showSurprisal(marks);
  legendElement.hidden = coloured === 0;
  return coloured;
}

function buildLegend(): void {
  legendElement.replaceChildren(
    Object.assign(document.createElement('span'), { textContent: 'Surprisal:' }),
    ...SURPRISAL_BUCKETS.map((b, i) => Object.assign(document.createElement('span'), { className: `swatch bachbot-surprisal-${i}`, textContent: b.name })),
  );
}

function render(message: RenderMessage): void {
  if (!gate.accept(message.uri, message.version)) return;
  player.stop();
  lastRender = message;
  saveState({ uri: message.uri });
  document.title = message.title;
  const drawn = score.draw(message);
  showDiagnostics(message.diagnostics, drawn.warnings.map((w) => inDocumentLines(w, message.firstLine)));
  if (message.cursor !== undefined) score.showCursor(message.cursor);
  const surprisalNotes = showSurprisal(message.surprisal ?? []);
  playButton.disabled = drawn.notes === 0;
  stopButton.disabled = true;
  lastReport = { type: 'rendered', uri: message.uri, version: message.version, notes: drawn.notes, warnings: drawn.warnings, surprisalNotes };
  postToHost(lastReport);
}

function playbackCommand(command: 'play' | 'pause' | 'toggle' | 'stop', span?: PlaySpan): void {
  const playing = player.state === 'playing' || player.state === 'loading';
  if (span) {
    const from = score.abcOffsetAt(span.from);
    if (from === undefined) return void postToHost({ type: 'playback', state: 'error', detail: 'the cursor is not in the tune the preview shows' });
    void player.play(score.visualObject, { from, to: span.to === undefined ? undefined : score.abcOffsetAt(span.to), loop: span.loop });
    return;
  }
  if (command === 'stop') player.stop();
  else if (command === 'pause' || (command === 'toggle' && playing)) player.pause();
  else void player.play(score.visualObject);
}

function showPlayback(state: PlaybackState, detail?: string): void {
  const active = state === 'playing' || state === 'loading';
  playButton.textContent = active ? 'Pause' : 'Play';
  playButton.title = playButton.textContent;
  playButton.setAttribute('aria-label', playButton.textContent);
  stopButton.disabled = state === 'stopped' || state === 'error';
  const words: Record<PlaybackState, string> = { loading: 'Loading sounds…', playing: 'Playing', paused: 'Paused', stopped: '', error: 'Cannot play' };
  statusElement.textContent = detail && state === 'error' ? `${words[state]}: ${detail}` : words[state];
  document.body.dataset.playback = state;
}

function showDiagnostics(diagnostics: PreviewDiagnostic[], warnings: string[]): void {
  const items = [
    ...diagnostics.map((d) => ({ severity: d.severity, text: `${d.line + 1}:${d.column + 1} ${d.message}` })),
    ...warnings.map((text) => ({ severity: 'warning' as const, text })),
  ];
  // Appended one by one: a list spread into one call overflows the stack past some 100,000 items.
  const list = document.createDocumentFragment();
  for (const item of items) {
    const li = document.createElement('li');
    li.className = `diagnostic ${item.severity}`;
    li.textContent = item.text;
    list.append(li);
  }
  diagnosticsElement.replaceChildren(list);
  diagnosticsElement.hidden = items.length === 0;
}

/** abcjs numbers lines from the start of the ABC it was given ("Music Line:3:14: ..."); say where in the document. */
function inDocumentLines(warning: string, firstLine: number | undefined): string {
  const match = /^Music Line:(\d+):(\d+): /.exec(warning);
  if (!match || firstLine === undefined) return warning;
  return `${Number(match[1]) + firstLine}:${match[2]} ${warning.slice(match[0].length)}`;
}

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`preview page: #${id} is missing`);
  return el;
}

buildLegend();
playButton.addEventListener('click', () => playbackCommand('toggle'));
stopButton.addEventListener('click', () => playbackCommand('stop'));
postToHost({ type: 'ready' });
