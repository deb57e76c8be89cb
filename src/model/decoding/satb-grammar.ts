import { FERMATA_TOKEN, FRAME_END_TOKEN, REST_TOKEN, VOICE_RANGES, parseVoiceToken } from '../../satb';
import type { Vocabulary } from '../vocabulary';
import type { Grammar } from './grammar';

/** Where decoding stands in `[(.)] S A T B |||`. */
export interface SatbGrammarState {
  /** Next voice to write, 0–3; 4 means `|||` is next. */
  readonly voice: number;
  readonly fermata: boolean;
  /** Pitch each voice sounded in the previous complete frame (-1: rest or unknown). */
  readonly previous: readonly number[];
  /** Pitches of the current frame's voices so far (at most four). */
  readonly current: readonly number[];
  /** A voice came after the fourth of its frame (a `|||` is missing): nothing valid can follow until the frame ends. */
  readonly overfull: boolean;
  /** Frames completed so far. */
  readonly frames: number;
  /** Stop after this many frames in total (Infinity: never). */
  readonly stopAt: number;
  readonly ended: boolean;
}

export interface SatbGrammarOptions {
  /** Allow the end token at a frame boundary (continuing a chorale to its end). */
  allowEnd?: boolean;
}

const UNKNOWN = [-1, -1, -1, -1];

/**
 * `.satb` generation rules: `[(.)] S A T B |||`; each voice a note within its range (VOICE_RANGES) or a rest;
 * `(P,True)` only where that voice sounded P in the previous frame; `(?)` never.
 */
export class SatbGrammar implements Grammar<SatbGrammarState> {
  private readonly struck: number[][] = [];
  private readonly heldByPitch = new Map<number, number>();
  private readonly pitchOf = new Map<number, { pitch: number; held: boolean }>();
  private readonly restId: number | undefined;
  private readonly fermataId: number | undefined;
  private readonly frameEndId: number;
  private readonly endId: number;
  /** allowed() depends only on the voice, its previous pitch, the fermata and whether a frame was written. */
  private readonly allowedMemo = new Map<number, readonly number[]>();

  constructor(
    private readonly vocab: Vocabulary,
    private readonly options: SatbGrammarOptions = {},
  ) {
    const frameEnd = vocab.id(FRAME_END_TOKEN);
    if (frameEnd === undefined) throw new Error(`the vocabulary has no '${FRAME_END_TOKEN}' token: not a .satb model`);
    this.frameEndId = frameEnd;
    this.endId = vocab.endId;
    this.restId = vocab.id(REST_TOKEN);
    this.fermataId = vocab.id(FERMATA_TOKEN);
    const notes: { id: number; pitch: number }[] = [];
    vocab.tokens.forEach((tok, id) => {
      const v = parseVoiceToken(tok);
      if (v?.kind !== 'note') return;
      this.pitchOf.set(id, { pitch: v.pitch, held: v.held });
      if (v.held) this.heldByPitch.set(v.pitch, id);
      else notes.push({ id, pitch: v.pitch });
    });
    for (let voice = 0; voice < 4; voice++) {
      const [lo, hi] = VOICE_RANGES[voice];
      let ids = notes.filter((n) => n.pitch >= lo && n.pitch <= hi).map((n) => n.id);
      // A vocabulary without notes in a voice's range still leaves a way forward: a rest, else any struck note.
      if (ids.length === 0) ids = this.restId !== undefined ? [] : notes.map((n) => n.id);
      if (this.restId !== undefined) ids.push(this.restId);
      if (ids.length === 0) throw new Error('the vocabulary has no voice tokens');
      this.struck.push(ids);
    }
  }

  initial(stopAfterFrames = Number.POSITIVE_INFINITY): SatbGrammarState {
    return { voice: 0, fermata: false, previous: UNKNOWN, current: [], overfull: false, frames: 0, stopAt: stopAfterFrames, ended: false };
  }

  /** The same position with a new frame budget counted from here. */
  withFrameBudget(state: SatbGrammarState, frames: number): SatbGrammarState {
    return { ...state, stopAt: state.frames + frames };
  }

  /** Ids a voice may take in this frame, given what it sounded in the previous one. */
  voiceChoices(voice: number, previousPitch: number): number[] {
    const ids = this.struck[voice].slice();
    const [lo, hi] = VOICE_RANGES[voice];
    const held = this.heldByPitch.get(previousPitch);
    if (held !== undefined && previousPitch >= lo && previousPitch <= hi) ids.push(held);
    return ids;
  }

  /** Choices for a harmonizer's slot: notes only (a rest only when the vocabulary has no note for the voice). */
  slotChoices(voice: number, previousPitch: number): number[] {
    const ids = this.voiceChoices(voice, previousPitch);
    const notes = ids.filter((id) => id !== this.restId);
    return notes.length ? notes : ids;
  }

  allowed(state: SatbGrammarState): readonly number[] {
    if (this.isDone(state)) return [];
    if (state.voice === 4) return [this.frameEndId];
    const key = state.voice * 1024 + (state.previous[state.voice] + 1) * 4 + (state.fermata ? 2 : 0) + (state.frames > 0 ? 1 : 0);
    let ids = this.allowedMemo.get(key);
    if (!ids) this.allowedMemo.set(key, (ids = this.computeAllowed(state)));
    return ids;
  }

  private computeAllowed(state: SatbGrammarState): readonly number[] {
    const ids = this.voiceChoices(state.voice, state.previous[state.voice]);
    if (state.voice === 0 && !state.fermata) {
      if (this.fermataId !== undefined) ids.push(this.fermataId);
      if (this.options.allowEnd && state.frames > 0) ids.push(this.endId);
    }
    return ids;
  }

  advance(state: SatbGrammarState, id: number): SatbGrammarState {
    if (id === this.frameEndId) {
      const previous = [0, 1, 2, 3].map((v) => state.current[v] ?? -1);
      return { ...state, voice: 0, fermata: false, previous, current: [], overfull: false, frames: state.frames + 1 };
    }
    if (id === this.endId) return { ...state, ended: true };
    if (id === this.fermataId) return { ...state, fermata: true };
    const note = this.pitchOf.get(id);
    if (note !== undefined || id === this.restId) {
      // A fifth voice is not kept: the state stays four voices big however long the frame runs on.
      if (state.voice === 4) return state.overfull ? state : { ...state, overfull: true };
      const current = [...state.current, note ? note.pitch : -1];
      return { ...state, current, voice: state.voice + 1 };
    }
    // The start token or anything unexpected in a user's prefix: a fresh frame, voices unknown.
    return { ...state, voice: 0, fermata: false, previous: UNKNOWN, current: [], overfull: false };
  }

  /** Overfull states are done too: no token makes their frame valid again, so none is generated. */
  isDone(state: SatbGrammarState): boolean {
    return state.ended || state.overfull || (state.voice === 0 && !state.fermata && state.frames >= state.stopAt);
  }

  get frameEnd(): number {
    return this.frameEndId;
  }
}
