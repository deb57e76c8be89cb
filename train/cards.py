"""What each corpus is and the model card written beside the weights."""

CORPORA = {
    'satb': {
        'title': 'BachBot chorale model',
        'folder': 'bach-chorales',
        'license_file': 'LICENSE.txt',
        'license': 'CC BY-NC-SA 4.0',
        'description': ("J. S. Bach's four-part chorales: 330 .satb documents converted from Craig Stuart Sapp's "
                        'Humdrum edition (github.com/craigsapp/bach-370-chorales), transposed to C major / A minor'),
        'use': 'ghost-text completion and Continue in .satb chorales (Harmonize Selection uses models/harmonizer)',
    },
    'abc': {
        'title': 'BachBot folk-tune (ABC) model',
        'folder': 'nottingham',
        'license_file': 'LICENSE.md',
        'license': 'GPL-3.0',
        'description': ('The Nottingham Music Database of folk tunes in ABC with chord symbols, cleaned edition '
                        '(github.com/jukedeck/nottingham-dataset, ABC_cleaned/), 974 tunes'),
        'use': 'ghost-text completion and sampling of ABC tunes',
    },
}


# What a card says beyond config.json: figures measured on the shipped export with the extension's own code
# (`npm run eval`, `bachbot bench`), to be measured again when the model is exported again.
NOTES = {
    'satb': """
Harmonization of the 33 validation chorales from their soprano and fermatas alone (`npm run eval`, the extension's
own beam search), against Bach's alto, tenor and bass:

| beam | A/T/B tokens equal to Bach's | whole frames equal | voice-leading faults per 100 frames |
| --- | --- | --- | --- |
| 1 | 25.8% | 8.2% | 3.24 |
| 8 | 35.6% | 16.4% | 1.96 |
| 32 | 37.0% | 17.5% | 1.90 |

BachBot (greedy): 28.2% and 12.2%. Bach's own chorales: 0.84 faults per 100 frames.

## Why 3 x 256 and not 3 x 512
BachBot used 3 x 256. The same architecture with 512 units, exported and run in the extension's runtime on a
2-core CPU (`bachbot bench --satb-model DIR`), is too slow and too large for the extension:
- 529 tokens/s single-sequence against the 2,000 needed (3,081 for this model);
- beam 8 on a 16-bar melody in 3.87 s against 2 s (0.76 s);
- warm completion p95 60 ms (15 ms).

Its two ONNX files come to 42.6 MB, beyond the 40 MB allowed for the whole `.vsix`, and it takes about four times
as long to train on a CPU. At 256 units, validation reaches 0.3795 nats/token, below the 0.45 target.
""",
}


def model_card(config, checkpoint, command):
    info = CORPORA[config['type']]
    training, metrics = config['training'], config['metrics']
    hp = training['hyperparameters']
    params = sum(v.numel() for v in checkpoint['model'].values())
    history = '\n'.join(f"| {h['epoch']} | {h['step']} | {h['valid_loss']:.4f} | {h['seconds'] / 60:.1f} | {h['lr']:.2e} |"
                        for h in training['history'])
    corpus_dir = '/tmp/corpus-' + config['type']
    train_command = command or (f"/usr/bin/python3 train/train.py --corpus {corpus_dir} --out train/runs/{config['type']} "
                                f"--layers {config['layers']} --hidden {config['hidden']} --embedding {config['embedding']} "
                                f"--dropout {hp['dropout']} --seq-len {hp['seq_len']} --batch {hp['batch']} --lr {hp['lr']}")
    warm = training.get('warm_start')
    warm_note = (f"\nThe last stretch was a warm start (`--init-from`) from the run's epoch {warm['epoch']} "
                 f"(validation {warm['valid_loss']:.4f}) with a fresh optimizer; the table and times count both."
                 if warm else '')
    return f"""# {info['title']} (`{config['type']}`)

A {config['layers']}-layer LSTM with {config['hidden']} units per layer, a {config['embedding']}-wide token embedding,
dropout {hp['dropout']} and a linear output over {len(config['vocab'])} tokens ({params:,} parameters), in the token
language of the `{config['type']}` tokenizer in `src/`. Used for {info['use']}.

## Files
- `model.onnx`: one LSTM step for a batch: `tokens` int64 [B], `h`, `c` float32 [{config['layers']},B,{config['hidden']}]
  -> `logits` float32 [B,{len(config['vocab'])}] (unnormalized), `h_out`, `c_out`. Opset 13, dynamic batch.
- `prefix.onnx`: the same over a whole prefix: `tokens` [B,T] -> `logits` [B,T,{len(config['vocab'])}], `h_out`, `c_out`.
- `config.json`: vocabulary in id order, specials, shapes, metrics and training record.
- `{info['license_file']}`: the license of the corpus, which these weights carry.

## Corpus and license
{info['description']}.

The corpus is licensed **{info['license']}**; the weights are derived from it and are distributed under the same
terms ({info['license_file']}).

## Metrics
Validation cross-entropy **{metrics['valid_loss_nats']:.4f} nats/token** on the validation split ({metrics['split']}):
{metrics['valid_pieces']} pieces, {metrics['valid_tokens']:,} predicted tokens; training on the other
{metrics['train_pieces']} pieces. `npm run eval` recomputes it from `model.onnx` in Node.
{NOTES.get(config['type'], '')}
## Training
Device: {training['device']}. Best epoch {training['epochs']} after {training['seconds'] / 60:.1f} minutes
({training['steps']} steps of {hp['batch']} x {hp['seq_len']} tokens, Adam lr {hp['lr']}, multiplied by {hp['lr_decay']} when validation stops
improving, gradient clip {hp['grad_clip']}, seed {hp['seed']}).{warm_note}

| epoch | step | valid loss | minutes | lr |
| --- | --- | --- | --- | --- |
{history}

## Reproduce
```
npm run build
node out/cli.js corpus ../shared/corpora/{info['folder']} --out {corpus_dir}
{train_command}
/usr/bin/python3 train/export.py --checkpoint train/runs/{config['type']}/best.pt --out models/{config['type']}
```
On Debian's PyTorch, install OpenBLAS first (`scripts/setup-system.sh` does): with the reference BLAS that the
package otherwise finds, training runs about ten times slower.
"""
