"""The model card of the harmonizer, written beside its weights by export_harmonizer.py."""
from cards import CORPORA


def harmonizer_card(config, checkpoint, command):
    info = CORPORA['satb']
    training, metrics, hp = config['training'], config['metrics'], config['training']['hyperparameters']
    enc, dec = config['encoder'], config['decoder']
    params = sum(v.numel() for v in checkpoint['model'].values())
    history = '\n'.join(f"| {h['epoch']} | {h['valid_loss']:.4f} | {h['valid_loss_labels']:.4f} | {h['seconds'] / 60:.1f} | {h['lr']:.2e} |"
                        for h in training['history'])
    train_command = command or ('/usr/bin/python3 train/train_harmonizer.py --corpus /tmp/corpus-satb '
                                '--out train/runs/harmonizer')
    vocab = len(config['vocab'])
    warm = training.get('warm_start')
    own_note = (f" In {hp['own_frames']:.0%} of the frames (rising from none over the first {hp['own_ramp']} epochs) the decoder reads "
                f"as the previous frame voices drawn from its own prediction instead of Bach's, and where Bach holds a note that "
                f"frame does not have, the target strikes it: the model learns to go on from harmonies it wrote itself."
                if hp.get('own_frames') else '')
    warm_note = (f"The run went on in warm starts (`--init-from`, a fresh optimizer at a lower learning rate and dropout); the "
                 f"last began at epoch {warm['epoch']} (validation {warm['valid_loss']:.4f}) with lr {hp['lr']} and dropout "
                 f"{hp['dropout']}. The table and times count every stretch.\n" if warm else '')
    return f"""# BachBot harmonizer (`harmonizer`)

Writes alto, tenor and bass under a given soprano, having read the whole melody first. A bidirectional LSTM
({enc['layers']} layers, {enc['hidden']} units each way) reads, for every sixteenth-note frame, the soprano's token (pitch, struck
or held, or rest), whether the frame lies under a fermata, the frame's position in its bar, the bar's length, an
optional chord label (root and quality, or none) and whether the piece is in a minor key. A decoder LSTM
({dec['layers']} x {dec['hidden']}) reads that encoding of the frame and the previous frame's alto, tenor and bass; from its state
and the frame's encoding side by side, three output layers give p(alto), p(tenor | alto) and p(bass | alto, tenor) over the {vocab} tokens of the chorale
token language, so the engine's beam search chooses the voices one frame at a time under its grammar and its
voice-leading rules. {params:,} parameters. Used by "BachBot: Harmonize Selection" and `bachbot harmonize` for
`.satb` chorales and ABC melodies (an ABC tune's chord symbols become the chord labels); the `satb` model beside it
serves ghost text and Continue.

## Files
- `encoder.onnx`: `soprano`, `fermata`, `position`, `bar`, `chord`, `minor` int64 [1,T] -> `encoding` float32 [1,T,{enc['width']}].
- `decoder.onnx`: one frame for a batch of beams: `encoding` [B,{enc['width']}], `prev_alto`, `prev_tenor`, `prev_bass` int64 [B],
  `h`, `c` [{dec['layers']},B,{dec['hidden']}] -> `alto_logits` [B,{vocab}], `hidden` [B,{dec['output']}] (the decoder's output
  beside the encoding), `h_out`, `c_out`.
- `tenor.onnx`: `hidden`, `alto` -> `tenor_logits`; `bass.onnx`: `hidden`, `alto`, `tenor` -> `bass_logits`.
- `config.json`: vocabulary in id order, shapes, input codes, metrics and training record.
- `LICENSE.txt`: the license of the corpus, which these weights carry.

Input codes: `position` is the frame's index in its bar counted from the bar line (capped at
{config['inputs']['positions'] - 1}); `bar` is 1, 2, 3, 4 for bars of 8, 12, 16, 24 sixteenths and 0 otherwise; `chord` is 0
(none) or 1 + root x {config['inputs']['chordQualities']} + quality, with the qualities of
`src/music/chord-label.ts` (maj, min, dim, aug, dom7, maj7, min7, hdim7, dim7) and root 0 = C.

## Corpus and license
{info['description']}. The chord labels of the training data come from an analysis of each beat's sonority
(`src/satb/harmony-analysis.ts`).

The corpus is licensed **{info['license']}**; the weights are derived from it and are distributed under the same
terms (LICENSE.txt): attribution, non-commercial use, share-alike.

## Training
Each epoch sees every training chorale once, moved by a random shift of up to {hp['max_shift']} semitones; in
{hp['all_labels_dropped']:.0%} of the pieces all chord labels are withheld, in the others each beat's label is kept with
probability {hp['label_keep']}. Teacher forcing, with {hp.get('previous_dropout', 0):.0%} of the previous frame's voices masked at
random, so that the decoder leans on the melody rather than on copying what it wrote before (in use it reads its own
output, which may differ from Bach's).{own_note} Adam, lr {hp['lr']}, x{hp['lr_decay']} after {hp['patience']} epochs without
improvement; dropout {hp['dropout']}; batches of {hp['batch']} chorales. Trained on {training['device']}, {training['seconds'] / 60:.0f} minutes to the
kept epoch ({training['epochs']}).

{warm_note}
```
{train_command}
/usr/bin/python3 train/export_harmonizer.py --checkpoint train/runs/harmonizer/best.pt --out models/harmonizer
```

## Metrics
Validation ({metrics['split']}; {metrics['valid_pieces']} chorales, {metrics['valid_frames']} frames), mean cross-entropy
per alto, tenor and bass entry given the true voices before it: **{metrics['valid_loss_nats']:.4f} nats without chord
labels**, {metrics['valid_loss_with_labels_nats']:.4f} with the analysed labels. The harmonization figures of the beam
search (agreement with Bach, parallels, final chords, time) are printed by `npm run eval`.

In use, Harmonize Selection on a chorale hears the melody at three transpositions, -1, 0 and +1 semitones (shifts
it was trained on), and averages the three log-probabilities of each voice, moved back to the melody's key: an
ensemble of one set of weights (`src/model/harmonizer/transposed-views.ts`), at about twice the time of one view.
`npm run eval` prints the agreement with Bach of the melody heard once and of the three views side by side. ABC tunes
are heard once (their reels must stay under a second).

| epoch | valid loss | with labels | minutes | lr |
| --- | --- | --- | --- | --- |
{history}

## Limits
Trained on 297 chorales in C major and A minor (±{hp['max_shift']} semitones): the engine moves every melody there
first. It knows Bach's style only; folk tunes get its voice leading under their own chord symbols.
"""
