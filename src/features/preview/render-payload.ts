// Turns a document into the render message the page draws: the ABC to hand to abcjs, the way back
// from the ABC's characters to the document, and the problems to show above the score.
import { choraleToAbc, parseSatb } from '../../satb';
import { LineIndex, type NotationDiagnostic } from '../../common/diagnostic';
import { splitAbcTunes, tuneAt } from '../../abc/tunes';
import { notationOf, type NotationLanguage } from '../../notation';
import type { PreviewDiagnostic, RenderMessage } from '../../preview-protocol/messages';
import { encodeFrameSources } from '../../preview-protocol/frame-codec';
import { frameSources } from './frame-sources';

export interface PreviewSource {
  uri: string;
  /** Shown when the document names no title. */
  fileName: string;
  version: number;
  languageId: NotationLanguage;
  text: string;
  cursor: number;
}

export function buildRenderMessage(source: PreviewSource): RenderMessage {
  const base = { type: 'render' as const, uri: source.uri, version: source.version, languageId: source.languageId, cursor: source.cursor };
  return { ...base, ...RENDER[source.languageId](source) };
}

/** What identifies the drawing of a source apart from its version: the piece under the cursor (the tune, in .abc). */
export function renderKey(source: Pick<PreviewSource, 'languageId' | 'text' | 'cursor'>): string {
  return `${source.languageId}@${notationOf(source.languageId).pieceAt(source.text, source.cursor)?.start ?? 0}`;
}

/** The panel shows the first problems only; the Problems view has them all. */
const MAX_DIAGNOSTICS = 20;

type RenderBody = Pick<RenderMessage, 'title' | 'abc' | 'mapping' | 'diagnostics' | 'firstLine'>;

/** An .abc tune is drawn from its own text; a chorale from the ABC written for it. */
const RENDER: Record<NotationLanguage, (source: PreviewSource) => RenderBody> = { abc: abcRender, satb: satbRender };

function abcRender(source: PreviewSource): RenderBody {
  const tune = tuneAt(splitAbcTunes(source.text), source.cursor);
  if (!tune) {
    return { title: source.fileName, abc: '', mapping: { kind: 'offset', base: 0 }, diagnostics: [info('The file holds no tune yet.')] };
  }
  const firstLine = new LineIndex(source.text).positionAt(tune.start).line;
  return { title: tune.title || source.fileName, abc: tune.text, mapping: { kind: 'offset', base: tune.start }, diagnostics: [], firstLine };
}

function satbRender(source: PreviewSource): RenderBody {
  const parsed = parseSatb(source.text);
  const lines = new LineIndex(source.text);
  const diagnostics = parsed.diagnostics
    .filter((d) => d.severity !== 'info')
    .slice(0, MAX_DIAGNOSTICS)
    .map(toPreviewDiagnostic);
  const title = parsed.chorale.meta.title || source.fileName;
  if (parsed.chorale.frames.length === 0) {
    return { title, abc: '', mapping: { kind: 'frames', frames: [] }, diagnostics: [...diagnostics, info('The chorale has no frames yet.')] };
  }
  let abc: string;
  try {
    abc = choraleToAbc(parsed.chorale);
  } catch (err) {
    const at = lines.positionAt(0);
    const message = `Could not convert the chorale to a score: ${err instanceof Error ? err.message : String(err)}`;
    return { title, abc: '', mapping: { kind: 'frames', frames: [] }, diagnostics: [...diagnostics, { severity: 'error', message, line: at.line, column: at.column }] };
  }
  return { title, abc, mapping: { kind: 'frames', frames: encodeFrameSources(frameSources(parsed.tokens)) }, diagnostics };
}

function toPreviewDiagnostic(d: NotationDiagnostic): PreviewDiagnostic {
  return { severity: d.severity, message: d.message, line: d.range.start.line, column: d.range.start.column };
}

function info(message: string): PreviewDiagnostic {
  return { severity: 'info', message, line: 0, column: 0 };
}
