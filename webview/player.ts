// Plays the drawn tune with abcjs's synth and the sound font bundled with the extension,
// highlighting the notes as they sound and reporting each state change to the host.
import * as abcjs from 'abcjs';
import type { PlaybackState } from '../src/preview-protocol/messages';
import { playWindow } from './play-window';

export interface PlayerEvents {
  state(state: PlaybackState, detail?: string): void;
  /** The elements sounding now and the ABC characters they were written with (none when playback stops). */
  sounding(elements: Element[], abcStarts: number[]): void;
}

/** Play only part of the tune: from the note at ABC offset `from` to the last note before `to`; `loop` repeats it. */
export interface PlayRange {
  from: number;
  to?: number;
  loop: boolean;
}

export class Player {
  private synth: abcjs.MidiBuffer | undefined;
  private timing: abcjs.TimingCallbacks | undefined;
  private context: AudioContext | undefined;
  private current: PlaybackState = 'stopped';
  /** Bumped by every start and stop, so that a start still loading sounds can tell it was superseded. */
  private generation = 0;
  /** Where a looping range starts again (milliseconds); undefined when not looping. */
  private loopFrom: number | undefined;
  /** Sounds a loop stopped on purpose, whose end (reported later by the synth) is no end of playback. */
  private stoppedSounds = 0;

  constructor(
    private readonly soundFontUrl: string,
    private readonly events: PlayerEvents,
  ) {}

  get state(): PlaybackState {
    return this.current;
  }

  async play(tune: abcjs.TuneObject | undefined, range?: PlayRange): Promise<void> {
    if (range) this.stop();
    if (this.current === 'playing' || this.current === 'loading') return;
    if (this.current === 'paused' && this.synth && this.timing && this.context) {
      const { synth, timing } = this;
      try {
        await resumeAudio(this.context);
      } catch (err) {
        return this.fail(err);
      }
      if (this.synth !== synth) return; // stopped meanwhile
      synth.resume();
      timing.start();
      this.setState('playing');
      return;
    }
    if (!tune) return this.setState('error', 'There is nothing to play.');
    const generation = ++this.generation;
    this.setState('loading');
    try {
      this.context ??= new AudioContext();
      await resumeAudio(this.context);
      const synth = new abcjs.synth.CreateSynth();
      const loaded = await synth.init({
        audioContext: this.context,
        visualObj: tune,
        millisecondsPerMeasure: tune.millisecondsPerMeasure(),
        options: { soundFontUrl: this.soundFontUrl, onEnded: () => this.ended(generation) },
      });
      const failed = loaded.error ?? [];
      if (failed.length > 0) throw new Error(`${failed.length} sound(s) could not be loaded`);
      await synth.prime();
      if (generation !== this.generation) return;
      this.synth = synth;
      let window: { startMs: number; endMs?: number } | undefined;
      this.timing = new abcjs.TimingCallbacks(tune, {
        eventCallback: (event) => {
          if (generation !== this.generation) return undefined;
          if (window && (!event || (window.endMs !== undefined && event.milliseconds >= window.endMs))) {
            if (range?.loop) this.restartAt(window.startMs, true);
            else if (event) this.stop();
            return undefined;
          }
          this.events.sounding(event?.elements?.flat() ?? [], event?.startCharArray ?? (event?.startChar !== undefined ? [event.startChar] : []));
          return undefined;
        },
      });
      if (range) {
        window = playWindow(this.timing.noteTimings, range.from, range.to);
        if (!window) throw new Error('there is no note at or after the cursor');
      }
      this.loopFrom = range?.loop ? window?.startMs ?? 0 : undefined;
      // Before it runs, a seek only sets where the synth starts (while running it would restart the sound).
      if (window) synth.seek(window.startMs / 1000, 'seconds');
      synth.start();
      this.timing.start(window ? window.startMs / 1000 : 0, 'seconds');
      this.setState('playing');
    } catch (err) {
      if (generation === this.generation) this.fail(err);
    }
  }

  pause(): void {
    if (this.current !== 'playing' || !this.synth || !this.timing) return;
    // Pausing stops the synth's sound, which then reports its end like a tune that has finished.
    this.stoppedSounds++;
    this.synth.pause();
    this.timing.pause();
    this.setState('paused');
  }

  stop(): void {
    this.generation++;
    const wasActive = this.current !== 'stopped';
    this.release();
    if (wasActive) this.setState('stopped');
  }

  private fail(err: unknown): void {
    this.release();
    this.setState('error', err instanceof Error ? err.message : String(err));
  }

  private ended(generation: number): void {
    if (generation !== this.generation) return;
    if (this.stoppedSounds > 0) {
      this.stoppedSounds--; // the sound a loop stopped to start again
      return;
    }
    if (this.loopFrom !== undefined) return this.restartAt(this.loopFrom, false);
    this.stop();
  }

  /** Plays the sound and the highlights again from `ms`; `stopping` when the sound is still running. */
  private restartAt(ms: number, stopping: boolean): void {
    if (!this.synth || !this.timing) return;
    if (stopping) {
      this.stoppedSounds++;
      this.synth.stop();
    }
    this.synth.seek(ms / 1000, 'seconds');
    this.synth.start();
    this.timing.setProgress(ms / 1000, 'seconds');
  }

  private release(): void {
    this.synth?.stop();
    this.timing?.stop();
    this.synth = undefined;
    this.timing = undefined;
    this.loopFrom = undefined;
    this.stoppedSounds = 0;
    this.events.sounding([], []);
  }

  private setState(state: PlaybackState, detail?: string): void {
    this.current = state;
    this.events.state(state, detail);
  }
}

/** Resumes the audio output; a browser may keep it suspended until the user clicks in the page. */
async function resumeAudio(context: AudioContext): Promise<void> {
  await Promise.race([context.resume(), new Promise((resolve) => setTimeout(resolve, RESUME_WAIT_MS))]);
  if (context.state !== 'running') throw new Error('the audio output is blocked until you click Play in the preview');
}

const RESUME_WAIT_MS = 2000;
