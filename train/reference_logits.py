"""Prints PyTorch's logits for one token-id sequence (from zero state) as JSON, to compare with the ONNX export.

    /usr/bin/python3 train/reference_logits.py --checkpoint RUN/best.pt --ids 0,83,73,67
    -> {"ids": [...], "logits": [[...vocab...], ...]}   one row per input position
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export import load_checkpoint, reference_logits  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--checkpoint', required=True)
    parser.add_argument('--ids', required=True, help='comma-separated token ids')
    args = parser.parse_args(argv)
    _, model = load_checkpoint(args.checkpoint)
    ids = [int(x) for x in args.ids.split(',') if x.strip()]
    json.dump({'ids': ids, 'logits': reference_logits(model, ids).tolist()}, sys.stdout)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
