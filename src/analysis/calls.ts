/**
 * What the analysis worker does: the notation core's whole-document work behind diagnostics, the outline, hover
 * and the preview's render payload. Each is linear in the document but costs hundreds of milliseconds on a 1 MB
 * one, so it runs off the extension host. Plain data in and out (structured clone).
 */
import { abcOutline } from '../abc/outline';
import { checkDocument } from '../features/diagnostics/check';
import { describeNoteAt } from '../features/hover/describe';
import { buildRenderMessage, type PreviewSource } from '../features/preview/render-payload';
import type { NotationLanguage } from '../notation/types';

export const ANALYSIS_CALLS = {
  check: (a: { language: NotationLanguage; text: string }) => checkDocument(a.language, a.text),
  outline: (a: { text: string }) => abcOutline(a.text),
  hover: (a: { languageId: string; text: string; offset: number }) => describeNoteAt(a.languageId, a.text, a.offset),
  render: (a: { source: PreviewSource }) => buildRenderMessage(a.source),
};

export type AnalysisCalls = typeof ANALYSIS_CALLS;
export type AnalysisCall = keyof AnalysisCalls;
export type AnalysisArgs<C extends AnalysisCall> = Parameters<AnalysisCalls[C]>[0];
export type AnalysisResult<C extends AnalysisCall> = ReturnType<AnalysisCalls[C]>;

export type ToAnalysis = { call: AnalysisCall; args: unknown };
export type FromAnalysis = { ok: true; result: unknown } | { ok: false; name: string; message: string };
