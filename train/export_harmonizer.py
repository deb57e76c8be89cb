"""Exports a harmonizer checkpoint (train_harmonizer.py) to models/harmonizer/.

    /usr/bin/python3 train/export_harmonizer.py --checkpoint train/runs/harmonizer/best.pt --out models/harmonizer

Writes four ONNX graphs (opset 13), config.json, the model card README.md and the corpus license:
  encoder.onnx  soprano, fermata, position, bar, chord, minor int64 [1, T] -> encoding float32 [1, T, W]
  decoder.onnx  encoding [B, W], prev_alto, prev_tenor, prev_bass int64 [B], h, c [L, B, H]
                -> alto_logits [B, V], hidden [B, H], h_out, c_out
  tenor.onnx    hidden [B, H], alto int64 [B] -> tenor_logits [B, V]
  bass.onnx     hidden [B, H], alto, tenor int64 [B] -> bass_logits [B, V]
Checks the step graphs against the teacher-forced model in PyTorch, and the files with onnxruntime-node (within 1e-4)
when `node` is available.
"""
import argparse
import os
import sys
import warnings

import torch

warnings.filterwarnings('ignore', category=UserWarning, module='torch.onnx')

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harmonizer_card import harmonizer_card  # noqa: E402
from harmonizer_model import BassGraph, DecoderStepGraph, EncoderGraph, TenorGraph, build_harmonizer  # noqa: E402
from harmony_data import BAR_CLASSES, CHORD_LABELS, CHORD_QUALITIES, POSITIONS, Vocabulary, batch_of  # noqa: E402
from export import check_with_node, training_record, write_model_folder  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORMAT_VERSION = 1
OPSET = 13
MELODY_INPUTS = ['soprano', 'fermata', 'position', 'bar', 'chord', 'minor']


def load_checkpoint(path):
    checkpoint = torch.load(path, map_location='cpu')
    vocab = Vocabulary(checkpoint['meta']['vocab'], checkpoint['meta']['specials'])
    model = build_harmonizer(checkpoint['config'], len(vocab.tokens), vocab.start, vocab.end)
    model.load_state_dict(checkpoint['model'])
    model.eval()
    return checkpoint, model, vocab


def export_graphs(model, out_dir):
    layers, hidden, width = model.decoder_layers, model.decoder_hidden, model.encoding_width
    melody = tuple(torch.zeros(1, 5, dtype=torch.long) for _ in MELODY_INPUTS)
    torch.onnx.export(EncoderGraph(model).eval(), melody, os.path.join(out_dir, 'encoder.onnx'),
                      input_names=MELODY_INPUTS, output_names=['encoding'], opset_version=OPSET,
                      dynamic_axes={**{n: {1: 'time'} for n in MELODY_INPUTS}, 'encoding': {1: 'time'}})
    b = 2
    ids = torch.zeros(b, dtype=torch.long)
    batch_axis = {0: 'batch'}
    state_axis = {1: 'batch'}
    torch.onnx.export(DecoderStepGraph(model).eval(), (torch.zeros(b, width), ids, ids, ids,
                                                       torch.zeros(layers, b, hidden), torch.zeros(layers, b, hidden)),
                      os.path.join(out_dir, 'decoder.onnx'),
                      input_names=['encoding', 'prev_alto', 'prev_tenor', 'prev_bass', 'h', 'c'],
                      output_names=['alto_logits', 'hidden', 'h_out', 'c_out'], opset_version=OPSET,
                      dynamic_axes={'encoding': batch_axis, 'prev_alto': batch_axis, 'prev_tenor': batch_axis,
                                    'prev_bass': batch_axis, 'h': state_axis, 'c': state_axis,
                                    'alto_logits': batch_axis, 'hidden': batch_axis, 'h_out': state_axis,
                                    'c_out': state_axis})
    out_width = model.output_width
    torch.onnx.export(TenorGraph(model).eval(), (torch.zeros(b, out_width), ids), os.path.join(out_dir, 'tenor.onnx'),
                      input_names=['hidden', 'alto'], output_names=['tenor_logits'], opset_version=OPSET,
                      dynamic_axes={'hidden': batch_axis, 'alto': batch_axis, 'tenor_logits': batch_axis})
    torch.onnx.export(BassGraph(model).eval(), (torch.zeros(b, out_width), ids, ids), os.path.join(out_dir, 'bass.onnx'),
                      input_names=['hidden', 'alto', 'tenor'], output_names=['bass_logits'], opset_version=OPSET,
                      dynamic_axes={'hidden': batch_axis, 'alto': batch_axis, 'tenor': batch_axis,
                                    'bass_logits': batch_axis})


def probe_piece(vocab, frames=24):
    """A melody of valid tokens with its true-looking lower voices, for the checks (not music)."""
    notes = sorted(i for i, (p, held) in vocab.voice.items() if not held)
    pick = lambda k: notes[k % len(notes)]  # noqa: E731
    sample = {k: [] for k in ('soprano', 'fermata', 'position', 'bar', 'chord', 'minor', 'alto', 'tenor', 'bass')}
    for f in range(frames):
        sample['soprano'].append(pick(7 * f + 40))
        sample['fermata'].append(1 if f % 11 == 10 else 0)
        sample['position'].append(f % 16)
        sample['bar'].append(3)
        sample['chord'].append((5 * f) % CHORD_LABELS)
        sample['minor'].append(f // 12 % 2)
        sample['alto'].append(pick(3 * f + 30))
        sample['tenor'].append(pick(5 * f + 20))
        sample['bass'].append(pick(f + 5))
    return sample


@torch.no_grad()
def reference(model, sample):
    batch = batch_of([sample])
    alto, tenor, bass = model(batch)
    encoding = model.encode(*(batch[k] for k in MELODY_INPUTS))
    return {'encoding': encoding[0], 'alto': alto[0], 'tenor': tenor[0], 'bass': bass[0]}


@torch.no_grad()
def check_steps_match(model, sample):
    ref = reference(model, sample)
    step, tenor, bass = DecoderStepGraph(model).eval(), TenorGraph(model).eval(), BassGraph(model).eval()
    h = torch.zeros(model.decoder_layers, 1, model.decoder_hidden)
    c = torch.zeros_like(h)
    prev = [torch.tensor([model.start_id])] * 3
    worst = 0.0
    for f in range(len(sample['soprano'])):
        a, t = torch.tensor([sample['alto'][f]]), torch.tensor([sample['tenor'][f]])
        logits_a, hidden, h, c = step(ref['encoding'][f: f + 1], *prev, h, c)
        worst = max(worst, (logits_a[0] - ref['alto'][f]).abs().max().item(),
                    (tenor(hidden, a)[0] - ref['tenor'][f]).abs().max().item(),
                    (bass(hidden, a, t)[0] - ref['bass'][f]).abs().max().item())
        prev = [a, t, torch.tensor([sample['bass'][f]])]
    if worst > 1e-4:
        sys.exit(f'export_harmonizer.py: the step graphs differ from the teacher-forced model by {worst}')


def check_with_onnxruntime(model, out_dir, sample):
    reference_outputs = {k: v.tolist() for k, v in reference(model, sample).items()}
    check_with_node('verify_harmonizer.mjs', out_dir, {'sample': sample, **reference_outputs}, 'export_harmonizer.py')


def build_config(checkpoint, model):
    meta, state, config = checkpoint['meta'], checkpoint['state'], checkpoint['config']
    best = min(state['history'], key=lambda h: h['valid_loss'])
    return {
        'type': 'harmonizer',
        'version': FORMAT_VERSION,
        'vocab': meta['vocab'],
        'specials': meta['specials'],
        'encoder': {'width': model.encoding_width, 'hidden': config['encoder_hidden'], 'layers': config['encoder_layers']},
        'decoder': {'hidden': config['decoder_hidden'], 'layers': config['decoder_layers'], 'output': model.output_width},
        'embedding': config['embedding'],
        'parameters': sum(v.numel() for v in checkpoint['model'].values()),
        'inputs': {'positions': POSITIONS, 'barClasses': {str(k): v for k, v in BAR_CLASSES.items()},
                   'chordLabels': CHORD_LABELS, 'chordQualities': CHORD_QUALITIES},
        'graphs': {'encoder': 'encoder.onnx', 'decoder': 'decoder.onnx', 'tenor': 'tenor.onnx', 'bass': 'bass.onnx'},
        'metrics': {
            'valid_loss_nats': round(best['valid_loss'], 6),
            'valid_loss_with_labels_nats': round(best['valid_loss_labels'], 6),
            'unit': 'mean cross-entropy per alto, tenor and bass entry, teacher forced',
            'split': 'every tenth chorale by name (index % 10 == 9)',
            'valid_pieces': meta['valid_pieces'],
            'valid_frames': meta['valid_frames'],
            'train_pieces': meta['train_pieces'],
        },
        'training': training_record(checkpoint, best, ('dropout', 'previous_dropout', 'own_frames', 'own_ramp', 'batch', 'lr', 'lr_decay', 'patience',
                                                       'grad_clip', 'max_shift', 'label_keep', 'all_labels_dropped', 'seed')),
        'corpus': meta.get('corpus_description', ''),
        'license': 'CC BY-NC-SA 4.0',
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--checkpoint', required=True)
    parser.add_argument('--out', required=True)
    parser.add_argument('--no-card', action='store_true', help='skip README.md and the license copy (test fixtures)')
    parser.add_argument('--license-file')
    parser.add_argument('--command', default='', help='the training command, quoted in the model card')
    parser.add_argument('--skip-onnxruntime', action='store_true')
    args = parser.parse_args(argv)
    checkpoint, model, vocab = load_checkpoint(args.checkpoint)
    os.makedirs(args.out, exist_ok=True)
    sample = probe_piece(vocab)
    check_steps_match(model, sample)
    export_graphs(model, args.out)
    config = build_config(checkpoint, model)
    from cards import CORPORA  # noqa: E402
    config['corpus'] = CORPORA['satb']['description']
    write_model_folder(args, config, 'satb', CORPORA['satb']['license_file'],
                       lambda: harmonizer_card(config, checkpoint, args.command), 'export_harmonizer.py')
    if not args.skip_onnxruntime:
        check_with_onnxruntime(model, os.path.abspath(args.out), sample)
    sizes = ', '.join(f"{n} {os.path.getsize(os.path.join(args.out, n)) / 1024:.0f} KiB" for n in config['graphs'].values())
    print(f"exported harmonizer to {args.out}: {sizes}, valid loss {config['metrics']['valid_loss_nats']:.4f} "
          f"nats/voice ({config['metrics']['valid_loss_with_labels_nats']:.4f} with chord labels)")


if __name__ == '__main__':
    main()
