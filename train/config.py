"""Training configuration: commented defaults that command-line flags override.

    /usr/bin/python3 train/train.py --corpus /tmp/corpus-satb --out train/runs/satb --layers 3 --hidden 256

Every key below is also a flag: `--seq-len 128` sets `seq_len`.
"""
import argparse

DEFAULTS = {
    # data
    'corpus': None,          # directory written by `bachbot corpus` (vocab.json + pieces.jsonl)
    'out': 'train/runs/model',  # run directory: checkpoints and log
    # model (BachBot used 3 x 256 with a 32-wide embedding)
    'layers': 3,
    'hidden': 256,
    'embedding': 64,
    'dropout': 0.3,
    # optimisation
    'seq_len': 128,          # truncated BPTT length; state carries over between consecutive chunks
    'batch': 32,             # parallel streams over the concatenated training pieces
    'lr': 2e-3,
    'lr_decay': 0.5,         # multiply lr by this when validation loss stops improving
    'grad_clip': 5.0,
    'epochs': 30,
    'max_steps': 0,          # stop after this many optimiser steps (0: no limit); for smoke tests
    'max_minutes': 0.0,      # wall-clock budget for training (0: no limit); validation and checkpoint follow
    'eval_every': 0,         # validate every N steps as well as at each epoch end (0: epoch ends only)
    # machine
    'device': 'auto',        # auto | cpu | cuda
    'threads': 1,            # CPU threads; on a busy 2-core machine 1 thread measured 8-18x faster than 2
    'seed': 1337,
    'resume': False,         # continue from OUT/last.pt
    'init_from': None,       # warm start: weights, epoch count and history from a checkpoint; fresh optimiser, lr and dropout
}


def _flag(key):
    return '--' + key.replace('_', '-')


def parse_config(argv=None, description=__doc__, defaults=None):
    """Returns defaults (DEFAULTS unless given) updated by the flags in argv (a dict)."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    for key, value in (defaults or DEFAULTS).items():
        if isinstance(value, bool):
            parser.add_argument(_flag(key), action='store_true', default=value)
        elif value is None:
            parser.add_argument(_flag(key), type=str, default=None)
        else:
            parser.add_argument(_flag(key), type=type(value), default=value)
    config = vars(parser.parse_args(argv))
    if not config['corpus'] and not config['resume'] and not config['init_from']:
        parser.error('--corpus DIR is required (a directory written by `bachbot corpus`)')
    return config
