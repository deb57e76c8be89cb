"""Exports a checkpoint to models/<name>/, the files src/model/ loads (src/model/README.md, src/model/config.ts).

    /usr/bin/python3 train/export.py --checkpoint train/runs/satb/best.pt --out models/satb

Writes model.onnx (one LSTM step: tokens int64 [B], h, c float32 [layers,B,hidden] -> logits [B,vocab], h_out,
c_out), prefix.onnx (the same for a whole prefix: tokens [B,T] -> logits [B,T,vocab], h_out, c_out),
config.json, the model card README.md and the corpus license. Checks the step graph against the full model in
PyTorch, and the exported files against PyTorch with onnxruntime-node when `node` is available.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings

import torch

warnings.filterwarnings('ignore', category=UserWarning, module='torch.onnx')

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cards import CORPORA, model_card  # noqa: E402
from model import PrefixGraph, StepGraph, build_model  # noqa: E402

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORMAT_VERSION = 1
OPSET = 13


def load_checkpoint(path):
    checkpoint = torch.load(path, map_location='cpu')
    model = build_model(checkpoint['config'], len(checkpoint['meta']['vocab']))
    model.load_state_dict(checkpoint['model'])
    model.eval()
    return checkpoint, model


def export_graphs(model, out_dir):
    layers, hidden = model.layers, model.hidden
    h = torch.zeros(layers, 2, hidden)
    c = torch.zeros(layers, 2, hidden)
    names = dict(input_names=['tokens', 'h', 'c'], output_names=['logits', 'h_out', 'c_out'], opset_version=OPSET)
    state_axes = {'h': {1: 'batch'}, 'c': {1: 'batch'}, 'h_out': {1: 'batch'}, 'c_out': {1: 'batch'}}
    torch.onnx.export(StepGraph(model).eval(), (torch.zeros(2, dtype=torch.long), h, c), os.path.join(out_dir, 'model.onnx'),
                      dynamic_axes={'tokens': {0: 'batch'}, 'logits': {0: 'batch'}, **state_axes}, **names)
    torch.onnx.export(PrefixGraph(model).eval(), (torch.zeros(2, 3, dtype=torch.long), h, c),
                      os.path.join(out_dir, 'prefix.onnx'),
                      dynamic_axes={'tokens': {0: 'batch', 1: 'time'}, 'logits': {0: 'batch', 1: 'time'}, **state_axes},
                      **names)


@torch.no_grad()
def reference_logits(model, ids):
    """PyTorch's logits [T][vocab] for one sequence from zero state (what the ONNX step graph must reproduce)."""
    model.eval()  # torch.onnx.export puts a wrapper's training flag back on the modules it holds
    logits, _ = model(torch.tensor([ids], dtype=torch.long))
    return logits[0]


@torch.no_grad()
def check_step_matches_sequence(model, ids):
    step = StepGraph(model).eval()
    h, c = model.zero_state(1)
    whole = reference_logits(model, ids)
    for t, token in enumerate(ids):
        logits, h, c = step(torch.tensor([token]), h, c)
        difference = (logits[0] - whole[t]).abs().max().item()
        if difference > 1e-4:
            sys.exit(f'export.py: step graph differs from the sequence model at position {t} by {difference}')


def check_with_onnxruntime(model, out_dir, ids):
    check_with_node('verify_onnx.mjs', out_dir, {'ids': ids, 'logits': reference_logits(model, ids).tolist()}, 'export.py')


def check_with_node(script, out_dir, reference, who):
    """Runs train/SCRIPT MODEL_DIR REFERENCE.json with node (onnxruntime-node against PyTorch's figures)."""
    node = shutil.which('node')
    if not node:
        print(f'{who}: node not found; the ONNX files were not checked with onnxruntime', file=sys.stderr)
        return
    with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as f:
        json.dump(reference, f)
    try:
        result = subprocess.run([node, os.path.join(REPO_ROOT, 'train', script), out_dir, f.name],
                                cwd=REPO_ROOT, capture_output=True, text=True)
    finally:
        os.unlink(f.name)
    if result.returncode != 0:
        sys.exit(f'{who}: onnxruntime check failed:\n{result.stdout}{result.stderr}')
    print(result.stdout.strip())


def write_model_folder(args, config, corpus_type, license_name, card, who):
    """Writes config.json and, unless --no-card, the corpus license the weights carry and the model card (`card()`)."""
    with open(os.path.join(args.out, 'config.json'), 'w', encoding='utf-8') as f:
        json.dump(config, f, indent=1, ensure_ascii=False)
        f.write('\n')
    if args.no_card:
        return
    license_path = find_license(corpus_type, args.license_file)
    if license_path:
        shutil.copyfile(license_path, os.path.join(args.out, license_name))
    else:
        print(f'{who}: corpus license file not found; pass --license-file', file=sys.stderr)
    with open(os.path.join(args.out, 'README.md'), 'w', encoding='utf-8') as f:
        f.write(card())


def find_license(corpus_type, explicit):
    if explicit:
        return explicit
    roots = [os.environ.get('BACHBOT_CORPORA'), os.path.join(REPO_ROOT, '..', 'shared', 'corpora')]
    for root in filter(None, roots):
        path = os.path.join(root, CORPORA[corpus_type]['folder'], CORPORA[corpus_type]['license_file'])
        if os.path.isfile(path):
            return path
    return None


def build_config(checkpoint):
    meta, state, config = checkpoint['meta'], checkpoint['state'], checkpoint['config']
    info = CORPORA[meta['type']]
    best = min(state['history'], key=lambda h: h['valid_loss'])
    return {
        'type': meta['type'],
        'version': FORMAT_VERSION,
        'vocab': meta['vocab'],
        'specials': meta['specials'],
        'layers': config['layers'],
        'hidden': config['hidden'],
        'embedding': config['embedding'],
        'graphs': {'step': 'model.onnx', 'prefix': 'prefix.onnx'},
        'metrics': {
            'valid_loss_nats': round(best['valid_loss'], 6),
            'split': 'every tenth piece by name (index % 10 == 9), each from zero state, START excluded',
            'valid_pieces': meta['valid_pieces'],
            'valid_tokens': meta['valid_tokens'],
            'train_pieces': meta['train_pieces'],
        },
        'training': training_record(checkpoint, best, ('dropout', 'seq_len', 'batch', 'lr', 'lr_decay', 'grad_clip', 'seed')),
        'corpus': info['description'],
        'license': info['license'],
    }


def training_record(checkpoint, best, hyperparameters):
    """config.json's "training": where and how long to the kept epoch, the whole history, the settings."""
    meta, state, config = checkpoint['meta'], checkpoint['state'], checkpoint['config']
    return {
        'device': meta['device'],
        'seconds': round(best['seconds'], 1),
        'epochs': best['epoch'],
        'steps': best['step'],
        'history': state['history'],
        'hyperparameters': {k: config[k] for k in hyperparameters if k in config},
        **({'warm_start': state['warm_start']} if state.get('warm_start') else {}),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--checkpoint', required=True, help='best.pt or last.pt written by train.py')
    parser.add_argument('--out', required=True, help='model directory to write, e.g. models/satb')
    parser.add_argument('--no-card', action='store_true', help='skip README.md and the license copy (test fixtures)')
    parser.add_argument('--license-file', help='the corpus license to copy beside the weights')
    parser.add_argument('--command', default='', help='the training command, quoted in the model card')
    parser.add_argument('--device', help='describe the training device in config.json instead of what train.py recorded')
    parser.add_argument('--skip-onnxruntime', action='store_true', help='do not run the onnxruntime-node check')
    args = parser.parse_args(argv)
    checkpoint, model = load_checkpoint(args.checkpoint)
    if args.device:
        checkpoint['meta']['device'] = args.device
    os.makedirs(args.out, exist_ok=True)
    vocab = checkpoint['meta']['vocab']
    probe = [0] + [(7 * i + 3) % len(vocab) for i in range(23)]
    check_step_matches_sequence(model, probe)
    export_graphs(model, args.out)
    config = build_config(checkpoint)
    write_model_folder(args, config, config['type'], CORPORA[config['type']]['license_file'],
                       lambda: model_card(config, checkpoint, args.command), 'export.py')
    if not args.skip_onnxruntime:
        check_with_onnxruntime(model, os.path.abspath(args.out), probe)
    sizes = ', '.join(f'{n} {os.path.getsize(os.path.join(args.out, n)) / 1024:.0f} KiB'
                      for n in ('model.onnx', 'prefix.onnx'))
    print(f"exported {config['type']} model to {args.out}: {sizes}, valid loss "
          f"{config['metrics']['valid_loss_nats']:.4f} nats/token")


if __name__ == '__main__':
    main()
