"""Trains the harmonizer (harmonizer_model.py) on a chorale corpus written by `bachbot corpus`.

    /usr/bin/python3 train/train_harmonizer.py --corpus /tmp/corpus-satb --out train/runs/harmonizer --max-minutes 60
    /usr/bin/python3 train/train_harmonizer.py --out train/runs/harmonizer --resume --epochs 80   # continue a run

Each epoch sees every training chorale once, moved by a random shift of up to --max-shift semitones, with its chord
labels withheld entirely in --all-labels-dropped of the pieces and otherwise per beat with probability 1 -
--label-keep, so that the model harmonizes with or without labels. Teacher forcing: the loss is the mean
cross-entropy of alto, tenor and bass given the melody and the true voices before them; with --own-frames, that share
of the previous frames is instead drawn from the model's own prediction (own_previous), since harmonizing it reads
what it wrote itself. Validation reports that
loss without labels (the chorale case) and with all of Bach's labels. last.pt resumes exactly; best.pt keeps the
epoch with the lowest label-free validation loss, which export_harmonizer.py turns into models/harmonizer/.
"""
import json
import math
import os
import random
import sys
import time

import torch
from torch.nn import functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from config import parse_config  # noqa: E402
from harmonizer_model import build_harmonizer, previous_voices  # noqa: E402
from harmony_data import CorpusError, batch_of, load_harmony_corpus, training_batches  # noqa: E402
from train import decay_learning_rate, device_description, end_epoch, restore, save, start_run, write_history  # noqa: E402

DEFAULTS = {
    'corpus': None,
    'out': 'train/runs/harmonizer',
    'encoder_hidden': 128,
    'encoder_layers': 2,
    'decoder_hidden': 256,
    'decoder_layers': 2,
    'embedding': 48,
    'dropout': 0.3,
    'previous_dropout': 0.3,  # share of the previous frame's voices the decoder sees masked in training
    'own_frames': 0.0,        # share of previous frames the decoder reads as the model itself wrote them
    'own_ramp': 10,           # epochs over which that share rises from 0 to own_frames
    'batch': 16,
    'lr': 2e-3,
    'lr_decay': 0.5,
    'patience': 2,            # epochs without improvement before the learning rate decays
    'min_lr': 5e-5,           # stop when the learning rate falls below this
    'grad_clip': 5.0,
    'epochs': 120,
    'max_shift': 2,
    'label_keep': 0.8,
    'all_labels_dropped': 0.5,
    'max_steps': 0,
    'max_minutes': 0.0,
    'device': 'auto',
    'threads': 1,
    'seed': 1337,
    'resume': False,
    'init_from': None,
}

MODEL_KEYS = ('encoder_hidden', 'encoder_layers', 'decoder_hidden', 'decoder_layers', 'embedding')


def own_previous(model, batch, share, vocab):
    """The decoder's previous-frame inputs with a share of frames replaced by voices drawn from the model's own
    teacher-forced distribution, and targets that strike a note where the true voice holds it but the previous frame
    read is another pitch (a tie can only continue the same pitch). Training on them teaches the decoder to go on
    from harmonies it wrote itself, as it must when harmonizing, not only from Bach's."""
    was_training = model.training
    model.eval()
    with torch.no_grad():
        drawn = [torch.distributions.Categorical(logits=l.float()).sample() for l in model(batch)]
    model.train(was_training)
    true = [batch[k].clamp(min=0) for k in ('alto', 'tenor', 'bass')]
    own = torch.rand(true[0].shape, device=true[0].device) < share        # per frame: all three voices at once
    mixed = [torch.where(own, d, v) for d, v in zip(drawn, true)]
    previous = previous_voices(*mixed, model.start_id)
    pitch_of, struck_of = vocab.pitch_of.to(own.device), vocab.struck_of.to(own.device)
    targets = []
    for key, prev in zip(('alto', 'tenor', 'bass'), previous):
        y = batch[key]
        safe = y.clamp(min=0)
        moved = (pitch_of[prev] != pitch_of[safe]) & (y >= 0)
        targets.append(torch.where(moved, struck_of[safe], y))
    return previous, targets


def loss_of(model, batch, device, vocab=None, own_share=0.0):
    batch = {k: v.to(device) for k, v in batch.items()}
    if own_share > 0:
        previous, targets = own_previous(model, batch, own_share, vocab)
        logits = model(batch, previous)
    else:
        logits = model(batch)
        targets = [batch['alto'], batch['tenor'], batch['bass']]
    total = sum(F.cross_entropy(l.reshape(-1, l.shape[-1]), y.reshape(-1), ignore_index=-100, reduction='sum')
                for l, y in zip(logits, targets))
    count = 3 * int((batch['alto'] >= 0).sum())
    return total, count


@torch.no_grad()
def validation_loss(model, pieces, vocab, device, labels):
    was_training = model.training
    model.eval()
    total, count = 0.0, 0
    ordered = sorted(pieces, key=lambda p: len(p.frames))
    for i in range(0, len(ordered), 16):
        samples = [p.tensors(vocab, 0, 1.0 if labels else 0.0, random.Random(0)) for p in ordered[i: i + 16]]
        loss, n = loss_of(model, batch_of(samples), device)
        total += loss.item()
        count += n
    model.train(was_training)
    return total / count


def main(argv=None):
    config = parse_config(argv, __doc__, DEFAULTS)
    resume_path, checkpoint, warm, device = start_run(
        config, 'train_harmonizer.py',
        ('corpus', *MODEL_KEYS, 'dropout', 'previous_dropout', 'own_frames', 'own_ramp', 'batch', 'seed', 'max_shift', 'label_keep', 'all_labels_dropped'),
        MODEL_KEYS)
    try:
        corpus = load_harmony_corpus(config['corpus'])
    except CorpusError as e:
        sys.exit(f'train_harmonizer.py: {e}')
    vocab = corpus['vocab']
    frames = lambda pieces: sum(len(p.frames) for p in pieces)  # noqa: E731
    print(f"harmony corpus {corpus['dir']}: train {len(corpus['train'])} chorales / {frames(corpus['train'])} frames, "
          f"valid {len(corpus['valid'])} / {frames(corpus['valid'])}", flush=True)
    os.makedirs(config['out'], exist_ok=True)

    model = build_harmonizer(config, len(vocab.tokens), vocab.start, vocab.end).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=config['lr'])
    state = {'epoch': 0, 'step': 0, 'seconds': 0.0, 'train_frames': 0, 'best_valid': math.inf, 'best_epoch': None,
             'lr': config['lr'], 'since_best': 0, 'history': []}
    state = restore(model, optimizer, state, checkpoint, warm, config, ('epoch', 'step', 'seconds', 'train_frames'))
    parameters = sum(p.numel() for p in model.parameters())
    print(f"harmonizer: encoder 2x{config['encoder_layers']}x{config['encoder_hidden']} BiLSTM, decoder "
          f"{config['decoder_layers']}x{config['decoder_hidden']} LSTM, {parameters:,} parameters, device "
          f"{device_description(device)}", flush=True)
    meta = {'type': 'harmonizer', 'vocab': vocab.tokens, 'specials': corpus['specials'], 'corpus_dir': corpus['dir'],
            'train_pieces': len(corpus['train']), 'valid_pieces': len(corpus['valid']),
            'valid_frames': frames(corpus['valid']), 'device': device_description(device), 'parameters': parameters}

    def payload():
        return {'config': config, 'model': model.state_dict(), 'optimizer': optimizer.state_dict(), 'state': state,
                'meta': meta, 'torch_rng': torch.get_rng_state()}

    def validate(label):
        started = time.time()
        plain = validation_loss(model, corpus['valid'], vocab, device, labels=False)
        labelled = validation_loss(model, corpus['valid'], vocab, device, labels=True)
        improved = plain < state['best_valid']
        state['history'].append({'epoch': state['epoch'], 'step': state['step'], 'valid_loss': plain,
                                 'valid_loss_labels': labelled, 'seconds': round(state['seconds'], 1), 'lr': state['lr']})
        if improved:
            state['best_valid'], state['best_epoch'], state['since_best'] = plain, state['epoch'], 0
            save(os.path.join(config['out'], 'best.pt'), payload())
        else:
            state['since_best'] += 1
        print(f"{label}: valid loss {plain:.4f} nats/voice (with chord labels {labelled:.4f})"
              f"{' (best)' if improved else ''} [{time.time() - started:.1f} s]", flush=True)

    deadline = time.time() + config['max_minutes'] * 60 if config['max_minutes'] > 0 else math.inf
    run_started = time.time() - state['seconds']
    stop = False
    while state['epoch'] < config['epochs'] and not stop and state['lr'] >= config['min_lr']:
        rng = random.Random(config['seed'] * 1000 + state['epoch'])
        batches = training_batches(corpus['train'], vocab, config['batch'], rng, config['max_shift'],
                                   config['label_keep'], config['all_labels_dropped'])
        epoch_loss, epoch_count, epoch_started = 0.0, 0, time.time()
        own_share = config['own_frames'] * min(1.0, (state['epoch'] + 1) / max(config['own_ramp'], 1))
        for batch in batches:
            total, count = loss_of(model, batch, device, vocab, own_share)
            loss = total / count
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), config['grad_clip'])
            optimizer.step()
            state['step'] += 1
            state['train_frames'] += count // 3
            epoch_loss += total.item()
            epoch_count += count
            state['seconds'] = time.time() - run_started
            if config['max_steps'] and state['step'] >= config['max_steps'] or time.time() >= deadline:
                stop = True
                break
        state['epoch'] += 1
        print(f"epoch {state['epoch']}: train loss {epoch_loss / max(epoch_count, 1):.4f}"
              f"{f' (own frames {own_share:.2f})' if own_share else ''} | "
              f"{epoch_count / 3 / max(time.time() - epoch_started, 1e-9):,.0f} frames/s | {state['seconds'] / 60:.1f} min",
              flush=True)
        validate(f"epoch {state['epoch']}{' (stopped early)' if stop else ''}")
        if state['since_best'] >= config['patience'] and not stop:
            state['since_best'] = 0
            decay_learning_rate(state, optimizer, config['lr_decay'])
        end_epoch(state, run_started, resume_path, payload())
    write_history(config['out'], state)
    print(f"done: best valid loss {state['best_valid']:.4f} nats/voice at epoch {state['best_epoch']}, "
          f"{state['seconds'] / 60:.1f} min", flush=True)


if __name__ == '__main__':
    main()
