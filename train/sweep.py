"""Trains several configurations at once (one train.py process each) and prints them ranked by validation loss.

    python3 train/sweep.py --corpus /tmp/corpus-satb --out train/runs/sweep --minutes 7 \
        h256-d3:hidden=256,dropout=0.3 h512-d5:hidden=512,dropout=0.5

Each NAME:KEY=VALUE,... becomes `train.py --out OUT/NAME --KEY VALUE ...`; its log is OUT/NAME/log.txt.
On one GPU the processes share it, which suits these small models better than one at a time. Afterwards each run's
best.pt is also saved without the optimiser state as OUT/NAME/weights.pt (export.py reads either).
"""
import argparse
import json
import os
import subprocess
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_run(spec):
    name, _, settings = spec.partition(':')
    flags = []
    for item in filter(None, settings.split(',')):
        key, _, value = item.partition('=')
        flags += ['--' + key.replace('_', '-'), value]
    return name, flags


def compact(run_dir):
    best = os.path.join(run_dir, 'best.pt')
    if not os.path.isfile(best):
        return None
    checkpoint = torch.load(best, map_location='cpu')
    checkpoint.pop('optimizer', None)
    checkpoint.pop('torch_rng', None)
    torch.save(checkpoint, os.path.join(run_dir, 'weights.pt'))
    state = checkpoint['state']
    return {'best_valid': state['best_valid'], 'best_epoch': state['best_epoch'], 'epochs': state['epoch'],
            'minutes': round(state['seconds'] / 60, 1)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--corpus', required=True)
    parser.add_argument('--out', required=True)
    parser.add_argument('--minutes', type=float, required=True, help='training budget of each run')
    parser.add_argument('--epochs', type=int, default=500)
    parser.add_argument('runs', nargs='+', help='NAME:KEY=VALUE,...')
    args = parser.parse_args()
    started = time.time()
    processes = []
    for spec in args.runs:
        name, flags = parse_run(spec)
        run_dir = os.path.join(args.out, name)
        os.makedirs(run_dir, exist_ok=True)
        command = [sys.executable, os.path.join(HERE, 'train.py'), '--corpus', args.corpus, '--out', run_dir,
                   '--max-minutes', str(args.minutes), '--epochs', str(args.epochs), *flags]
        log = open(os.path.join(run_dir, 'log.txt'), 'w')
        log.write(' '.join(command) + '\n')
        log.flush()
        processes.append((name, run_dir, subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT), log))
    results = []
    for name, run_dir, process, log in processes:
        code = process.wait()
        log.close()
        summary = compact(run_dir) or {}
        results.append({'run': name, 'exit': code, **summary})
    results.sort(key=lambda r: r.get('best_valid', float('inf')))
    for r in results:
        print(json.dumps(r), flush=True)
    with open(os.path.join(args.out, 'summary.json'), 'w') as f:
        json.dump(results, f, indent=1)
    print(f'sweep: {len(results)} runs in {(time.time() - started) / 60:.1f} min', flush=True)


if __name__ == '__main__':
    main()
