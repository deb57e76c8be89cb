import { parseVoiceToken } from '../../satb';
import { Vocabulary } from '../vocabulary';
import type { HarmonizerConfig } from './config';
import type { HarmonizerNetwork } from './network';

/** What each token id is as a voice entry: its pitch (-1 for a rest) and whether it holds; undefined: not a voice. */
export interface VoiceTokenInfo {
  pitch: number;
  held: boolean;
}

/** A loaded harmonizer: config, vocabulary, the network, and the voice tokens the search chooses among. */
export class HarmonizerModel {
  readonly type = 'harmonizer' as const;
  readonly vocab: Vocabulary;
  readonly provider: string;
  readonly providerNote: string;
  readonly dir: string | undefined;
  /** Per token id; undefined for START, END, (.), |||. */
  readonly voiceInfo: (VoiceTokenInfo | undefined)[];
  /** Ids of the voice tokens, the choices for a slot. */
  readonly voiceIds: number[];

  constructor(
    readonly config: HarmonizerConfig,
    readonly network: HarmonizerNetwork,
    info: { provider: string; providerNote?: string; dir?: string },
  ) {
    this.vocab = new Vocabulary(config.vocab, config.specials.start, config.specials.end);
    this.provider = info.provider;
    this.providerNote = info.providerNote ?? `${info.provider} (requested)`;
    this.dir = info.dir;
    this.voiceInfo = config.vocab.map((tok) => {
      const v = parseVoiceToken(tok);
      if (v?.kind === 'note') return { pitch: v.pitch, held: v.held };
      if (v?.kind === 'rest') return { pitch: -1, held: false };
      return undefined;
    });
    this.voiceIds = this.voiceInfo.flatMap((v, id) => (v ? [id] : []));
  }

  /** The bar-length code the encoder reads (config.inputs.barClasses; 0 for other lengths). */
  barClass(barLength: number): number {
    return this.config.inputs.barClasses[String(barLength)] ?? 0;
  }

  async dispose(): Promise<void> {
    await this.network.dispose();
  }
}
