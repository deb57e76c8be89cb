import { FERMATA_TOKEN, FRAME_END_TOKEN, parseVoiceToken, voiceName, voiceToken, type Frame, type VoiceEntry } from '../../satb';
import { SatbGrammar } from '../decoding/satb-grammar';
import { logSumExp } from '../decoding/sampling';
import { EngineInputError, throwIfAborted } from '../errors';
import { encodePrefix, type LoadedModel } from '../model';
import type { HarmonizerModel } from '../harmonizer/harmonizer-model';
import { searchHarmonization, type HarmonizerSearchOptions } from '../harmonizer/search';
import type { HarmonizeStyle } from '../../abc/harmonic-rhythm';
import { logitsRow, selectRows, type LstmState } from '../step';
import { HARMONIZE_OPTION_LIMITS, checkOptionLimits } from './option-limits';

/**
 * Beam width and alternatives apply to both models; the melody's context, chord labels, key and rules are read by
 * the harmonizer (a chorale language model harmonizes left to right without them).
 */
export interface HarmonizeOptions extends HarmonizerSearchOptions {
  /** Beams kept at each step (1: greedy). */
  beamWidth?: number;
  /** Harmonizations returned, best first (at most beamWidth). */
  alternatives?: number;
  /** ABC tunes: the lower voices as an accompaniment (the default) or moving as in a chorale (HarmonizeStyle). */
  style?: HarmonizeStyle;
}

/** A model that can harmonize: the harmonizer, or the chorale language model. */
export type HarmonizingModel = LoadedModel | HarmonizerModel;

export interface Harmonization {
  frames: Frame[];
  /** Natural log of the model's probability of the whole token sequence (given tokens included). */
  logprob: number;
}

/** One token position of the piece: a given token, or a voice slot to choose. */
type Position = { forced: number; voice?: number; pitch: number } | { slot: { frame: number; voice: number } };

interface Beam {
  logprob: number;
  /** Pitch each voice sounds most recently (-1: rest), for the rule that a held note continues its pitch. */
  pitches: number[];
  /** Chosen slot ids, newest first, shared between beams that forked from one another. */
  choices: { id: number; previous: Beam['choices'] } | undefined;
}

/**
 * Fills the slots `(?)` of `frames`; given notes and fermatas are kept. The harmonizer reads the whole melody and
 * keeps the voice-leading rules; the chorale language model harmonizes left to right and can fill any voice.
 */
export async function harmonize(model: HarmonizingModel, frames: Frame[], options: HarmonizeOptions = {}, signal?: AbortSignal): Promise<Harmonization[]> {
  checkOptionLimits(options, HARMONIZE_OPTION_LIMITS);
  if (model.type === 'harmonizer') return searchHarmonization(model, frames, options, signal);
  return harmonizeLeftToRight(model, frames, options, signal);
}

/** Beam search over the chorale language model, token by token, left to right. */
export async function harmonizeLeftToRight(model: LoadedModel, frames: Frame[], options: HarmonizeOptions = {}, signal?: AbortSignal): Promise<Harmonization[]> {
  if (model.type !== 'satb') throw new EngineInputError(`harmonizing needs a chorale (satb) model; this one is "${model.type}"`);
  checkOptionLimits(options, HARMONIZE_OPTION_LIMITS);
  const width = options.beamWidth ?? 8;
  const wanted = Math.min(width, options.alternatives ?? 1);
  const grammar = new SatbGrammar(model.vocab);
  const positions = plan(model, frames);
  const vocabSize = model.stepper.vocabSize;
  const start = await encodePrefix(model, [model.vocab.startId], () => false, signal);
  let state: LstmState = { batch: 1, layers: model.stepper.layers, hidden: model.stepper.hidden, h: start.h, c: start.c };
  let logits = start.logits;
  const pitches = model.vocab.tokens.map((tok) => {
    const v = parseVoiceToken(tok);
    return v?.kind === 'note' ? v.pitch : -1;
  });
  const pitchOf = (id: number): number => pitches[id];
  let beams: Beam[] = [{ logprob: 0, pitches: [-1, -1, -1, -1], choices: undefined }];

  for (let p = 0; p < positions.length; p++) {
    throwIfAborted(signal);
    const pos = positions[p];
    const norm = beams.map((_, b) => logSumExp(logitsRow(logits, vocabSize, b)));
    let ids: number[];
    if ('forced' in pos) {
      ids = beams.map(() => pos.forced);
      beams.forEach((beam, b) => {
        beam.logprob += logits[b * vocabSize + pos.forced] - norm[b];
        if (pos.voice !== undefined) beam.pitches[pos.voice] = pos.pitch;
      });
    } else {
      const candidates: { beam: number; id: number; logprob: number }[] = [];
      beams.forEach((beam, b) => {
        const v = pos.slot.voice;
        for (const id of belowVoiceAbove(grammar.slotChoices(v, beam.pitches[v]), v > 0 ? beam.pitches[v - 1] : -1, pitchOf)) {
          candidates.push({ beam: b, id, logprob: beam.logprob + logits[b * vocabSize + id] - norm[b] });
        }
      });
      candidates.sort((a, b) => b.logprob - a.logprob || a.beam - b.beam || a.id - b.id);
      const kept = candidates.slice(0, width);
      const parents = kept.map((k) => k.beam);
      beams = kept.map((k) => {
        const pitches = beams[k.beam].pitches.slice();
        pitches[pos.slot.voice] = pitchOf(k.id);
        return { logprob: k.logprob, pitches, choices: { id: k.id, previous: beams[k.beam].choices } };
      });
      ids = kept.map((k) => k.id);
      state = parents.length === 1 && state.batch === 1 ? state : selectRows(state, parents);
    }
    if (p === positions.length - 1) break;
    const out = await model.stepper.step(ids, state);
    state = out.state;
    logits = out.logits;
  }
  throwIfAborted(signal);
  // Given tokens after the last slot move the scores, so the order is settled only at the end.
  beams.sort((a, b) => b.logprob - a.logprob);
  return beams.slice(0, wanted).map((beam) => ({ frames: fillSlots(model, frames, beam), logprob: beam.logprob }));
}

/**
 * A filled voice does not cross above the voice over it in the same frame (unisons allowed): Bach's parts
 * rarely cross, and an undertrained model otherwise stacks them at random. Kept only when some choice fits.
 */
function belowVoiceAbove(choices: number[], abovePitch: number, pitchOf: (id: number) => number): number[] {
  if (abovePitch < 0) return choices;
  const fitting = choices.filter((id) => pitchOf(id) <= abovePitch);
  return fitting.length ? fitting : choices;
}

function plan(model: LoadedModel, frames: Frame[]): Position[] {
  const { vocab } = model;
  const need = (tok: string, where: string): number => {
    const id = vocab.id(tok);
    if (id === undefined) throw new EngineInputError(`${where}: ${tok} is not in the model's vocabulary`);
    return id;
  };
  const positions: Position[] = [];
  frames.forEach((frame, f) => {
    if (frame.voices.length !== 4) throw new EngineInputError(`frame ${f + 1} has ${frame.voices.length} voices; harmonizing needs S A T B (use (?) for the voices to fill)`);
    if (frame.fermata) positions.push({ forced: need(FERMATA_TOKEN, `frame ${f + 1}`), pitch: -1 });
    frame.voices.forEach((v, voice) => {
      if (v.kind === 'slot') positions.push({ slot: { frame: f, voice } });
      else positions.push({ forced: need(voiceToken(v), `frame ${f + 1}, ${voiceName(voice)}`), voice, pitch: v.kind === 'note' ? v.pitch : -1 });
    });
    positions.push({ forced: need(FRAME_END_TOKEN, `frame ${f + 1}`), pitch: -1 });
  });
  return positions;
}

function fillSlots(model: LoadedModel, frames: Frame[], beam: Beam): Frame[] {
  const chosen: number[] = [];
  for (let c = beam.choices; c; c = c.previous) chosen.push(c.id);
  chosen.reverse();
  let next = 0;
  return frames.map((frame) => ({
    ...frame,
    voices: frame.voices.map((v): VoiceEntry => (v.kind === 'slot' ? parseVoiceToken(model.vocab.token(chosen[next++]))! : v)),
  }));
}
