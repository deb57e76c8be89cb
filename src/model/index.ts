// The inference engine: model loading (onnxruntime-node), constrained completion and beam-search harmonization.
// No vscode import here: the editor converts its types at the edge.
export { validateConfig, type ModelConfig, type ModelType } from './config';
export { AbortError, EngineInputError, ModelLoadError, isAbortError, throwIfAborted } from './errors';
export { LoadedModel, encodePrefix, type ModelInfo } from './model';
export { loadModel, type LoadModelOptions } from './runtime/load-model';
export { loadModelFolder } from './load-model-folder';
export { loadHarmonizer } from './harmonizer/load-harmonizer';
export { HarmonizerModel } from './harmonizer/harmonizer-model';
export type { ProviderRequest } from './runtime/providers';
export { PrefixStateCache } from './runtime/prefix-cache';
export { selectRows, zeroState, type LanguageModelStep, type LstmState, type StepResult } from './step';
export { Vocabulary } from './vocabulary';
export { isValidationPiece } from './split';
export type { Grammar } from './decoding/grammar';
export { SatbGrammar, type SatbGrammarState } from './decoding/satb-grammar';
export { Prng } from './decoding/prng';
export { complete, type CompletionOptions, type Suggestion } from './tasks/complete';
export { harmonize, harmonizeLeftToRight, type HarmonizeOptions, type Harmonization, type HarmonizingModel } from './tasks/harmonize';
export { harmonizeText, harmonizeAlternatives, type TextAlternative } from './tasks/harmonize-text';
export { pieceSurprisals, scoreText, surprisals, type ScoredText } from './tasks/surprisal';
export { scoringTarget, spanSurprisals, type ScoringTarget, type SpanSurprisal } from './tasks/surprisal-targets';
export { defaultModelDir, languageOf, packageModelsDir, type ModelKind } from './model-dir';
export { DEFAULT_CONTEXT_TOKENS } from './context-window';
export { AbcGrammar, type AbcGrammarState } from './decoding/abc-grammar';
