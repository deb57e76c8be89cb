"""Trains the token LSTM on a corpus written by `bachbot corpus`.

    /usr/bin/python3 train/train.py --corpus /tmp/corpus-satb --out train/runs/satb --max-minutes 60
    /usr/bin/python3 train/train.py --out train/runs/satb --resume --epochs 40     # continue a run

Training: the training pieces, shuffled each epoch, are concatenated and cut into `batch` parallel
streams; truncated back-propagation through time over `seq_len` tokens, the state carried from chunk to
chunk. Validation: each validation piece from zero state, mean cross-entropy in nats over all its tokens
but the first (START). The run directory keeps last.pt (everything to resume) and best.pt (the epoch with
the lowest validation loss), which export.py turns into models/<name>/.
"""
import json
import math
import os
import platform
import random
import sys
import time

import torch
from torch.nn import functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from config import parse_config  # noqa: E402
from model import build_model  # noqa: E402
from read_corpus import CorpusError, describe, load_corpus  # noqa: E402


def pick_device(name):
    if name == 'auto':
        return 'cuda' if torch.cuda.is_available() else 'cpu'
    if name == 'cuda' and not torch.cuda.is_available():
        sys.exit('train.py: --device cuda asked for, but PyTorch sees no CUDA device')
    return name


def device_description(device):
    if device == 'cuda':
        return f'cuda ({torch.cuda.get_device_name(0)})'
    return f'cpu ({cpu_name()}, {torch.get_num_threads()} thread(s), torch {torch.__version__})'


def cpu_name():
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def training_streams(pieces, batch, rng):
    """The pieces in a fresh random order, concatenated, as [batch, N] parallel streams."""
    order = list(range(len(pieces)))
    rng.shuffle(order)
    flat = [t for i in order for t in pieces[i][1]]
    n = len(flat) // batch
    if n < 2:
        raise CorpusError(f'too few training tokens ({len(flat)}) for batch {batch}')
    return torch.tensor(flat[: n * batch], dtype=torch.long).view(batch, n)


@torch.no_grad()
def validation_loss(model, pieces, device, batch=16):
    """Mean cross-entropy (nats) per token over the validation pieces, START excluded, each from zero state."""
    was_training = model.training
    model.eval()
    total, count = 0.0, 0
    ordered = sorted((ids for _, ids in pieces), key=len)
    for i in range(0, len(ordered), batch):
        group = ordered[i: i + batch]
        width = max(len(ids) for ids in group)
        tokens = torch.zeros(len(group), width, dtype=torch.long)
        targets = torch.full((len(group), width), -100, dtype=torch.long)
        for row, ids in enumerate(group):
            tokens[row, : len(ids)] = torch.tensor(ids)
            targets[row, : len(ids) - 1] = torch.tensor(ids[1:])
        logits, _ = model(tokens.to(device))
        total += F.cross_entropy(logits.reshape(-1, logits.shape[-1]).float(), targets.to(device).view(-1),
                                 ignore_index=-100, reduction='sum').item()
        count += sum(len(ids) - 1 for ids in group)
    model.train(was_training)
    return total / count


def save(path, payload):
    tmp = path + '.tmp'
    torch.save(payload, tmp)
    os.replace(tmp, path)


def decay_learning_rate(state, optimizer, factor):
    state['lr'] *= factor
    for group in optimizer.param_groups:
        group['lr'] = state['lr']
    print(f"learning rate now {state['lr']:.2e}", flush=True)


def end_epoch(state, run_started, resume_path, payload):
    """Counts the time so far and writes last.pt, from which --resume continues exactly."""
    state['seconds'] = time.time() - run_started
    save(resume_path, payload)


def write_history(out_dir, state):
    with open(os.path.join(out_dir, 'history.json'), 'w') as f:
        json.dump(state['history'], f, indent=1)


def restore(model, optimizer, state, checkpoint, warm, config, carried):
    """The run's state: a checkpoint resumed as it was, or a warm start carrying the `carried` counters and the
    history on with a fresh optimizer; otherwise `state` as given."""
    if checkpoint:
        model.load_state_dict(checkpoint['model'])
        optimizer.load_state_dict(checkpoint['optimizer'])
        torch.set_rng_state(checkpoint['torch_rng'])
        return checkpoint['state']
    if warm:
        model.load_state_dict(warm['model'])
        previous = warm['state']
        state.update({key: previous[key] for key in carried})
        state['history'] = list(previous['history'])
        state['warm_start'] = {'from': config['init_from'], 'epoch': previous['epoch'], 'valid_loss': previous['best_valid']}
        print(f"warm start from {config['init_from']}: epoch {previous['epoch']}, valid loss {previous['best_valid']:.4f}, "
              f"lr {config['lr']:.2e}, dropout {config['dropout']}", flush=True)
    return state


def start_run(config, who, resume_keys, model_keys):
    """What a run starts from: OUT/last.pt with --resume (its resume_keys override the command line), or the
    weights of --init-from (its model_keys); threads, seed and device set. Returns (resume_path, checkpoint, warm,
    device)."""
    resume_path = os.path.join(config['out'], 'last.pt')
    checkpoint = None
    if config['resume']:
        if not os.path.isfile(resume_path):
            sys.exit(f'{who}: --resume given but {resume_path} does not exist')
        checkpoint = torch.load(resume_path, map_location='cpu')
        for key in resume_keys:
            config[key] = checkpoint['config'][key]
    warm = None
    if config['init_from'] and not checkpoint:
        warm = torch.load(config['init_from'], map_location='cpu')
        for key in model_keys:
            config[key] = warm['config'][key]
        config['corpus'] = config['corpus'] or warm['config']['corpus']
    torch.set_num_threads(config['threads'])
    torch.manual_seed(config['seed'])
    return resume_path, checkpoint, warm, pick_device(config['device'])


def main(argv=None):
    config = parse_config(argv, __doc__)
    # the model and data come from the checkpoint; budgets and epochs may be changed on the command line
    resume_path, checkpoint, warm, device = start_run(
        config, 'train.py', ('corpus', 'layers', 'hidden', 'embedding', 'dropout', 'seq_len', 'batch', 'seed'),
        ('layers', 'hidden', 'embedding'))
    try:
        corpus = load_corpus(config['corpus'])
    except CorpusError as e:
        sys.exit(f'train.py: {e}')
    print(describe(corpus), flush=True)
    os.makedirs(config['out'], exist_ok=True)

    model = build_model(config, len(corpus['vocab'])).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=config['lr'])
    state = {'epoch': 0, 'step': 0, 'seconds': 0.0, 'train_tokens': 0, 'best_valid': math.inf, 'best_epoch': None,
             'lr': config['lr'], 'history': []}
    state = restore(model, optimizer, state, checkpoint, warm, config,
                    ('epoch', 'step', 'seconds', 'train_tokens', 'best_valid', 'best_epoch'))
    parameters = sum(p.numel() for p in model.parameters())
    print(f"model {config['layers']}x{config['hidden']} LSTM, embedding {config['embedding']}, {parameters:,} parameters, "
          f"device {device_description(device)}", flush=True)

    meta = {'type': corpus['type'], 'vocab': corpus['vocab'], 'specials': corpus['specials'], 'corpus_dir': corpus['dir'],
            'train_pieces': len(corpus['train']), 'valid_pieces': len(corpus['valid']),
            'valid_tokens': sum(len(ids) - 1 for _, ids in corpus['valid']), 'device': device_description(device)}

    def checkpoint_payload():
        return {'config': config, 'model': model.state_dict(), 'optimizer': optimizer.state_dict(), 'state': state,
                'meta': meta, 'torch_rng': torch.get_rng_state()}

    def validate(label):
        started = time.time()
        loss = validation_loss(model, corpus['valid'], device)
        improved = loss < state['best_valid']
        state['history'].append({'epoch': state['epoch'], 'step': state['step'], 'valid_loss': loss,
                                 'seconds': round(state['seconds'], 1), 'lr': state['lr']})
        if improved:
            state['best_valid'], state['best_epoch'] = loss, state['epoch']
            save(os.path.join(config['out'], 'best.pt'), checkpoint_payload())
        print(f"{label}: valid loss {loss:.4f} nats/token{' (best)' if improved else ''} "
              f"[{time.time() - started:.1f} s]", flush=True)
        return improved

    if warm:
        save(os.path.join(config['out'], 'best.pt'), checkpoint_payload())
    # the budget counts from this invocation; state['seconds'] counts the whole training, resumes included
    deadline = time.time() + config['max_minutes'] * 60 if config['max_minutes'] > 0 else math.inf
    run_started = time.time() - state['seconds']
    stop = False
    while state['epoch'] < config['epochs'] and not stop:
        rng = random.Random(config['seed'] * 1000 + state['epoch'])
        data = training_streams(corpus['train'], config['batch'], rng).to(device)
        hidden = model.zero_state(config['batch'], device)
        window_started, window_tokens, window_loss, window_steps = time.time(), 0, 0.0, 0
        for t in range(0, data.shape[1] - 1, config['seq_len']):
            x = data[:, t: t + config['seq_len']]
            y = data[:, t + 1: t + 1 + config['seq_len']]
            x = x[:, : y.shape[1]]
            hidden = tuple(s.detach() for s in hidden)
            logits, hidden = model(x, hidden)
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), config['grad_clip'])
            optimizer.step()
            state['step'] += 1
            state['train_tokens'] += x.numel()
            window_tokens += x.numel()
            window_loss += loss.item()
            window_steps += 1
            state['seconds'] = time.time() - run_started
            if time.time() - window_started >= 30 or window_steps == 1 and state['step'] == 1:
                rate = window_tokens / max(time.time() - window_started, 1e-9)
                print(f"epoch {state['epoch'] + 1} step {state['step']} ({t / data.shape[1]:.0%}) "
                      f"train loss {window_loss / window_steps:.4f} | {rate:,.0f} tokens/s | "
                      f"{state['seconds'] / 60:.1f} min", flush=True)
                window_started, window_tokens, window_loss, window_steps = time.time(), 0, 0.0, 0
            if config['eval_every'] and state['step'] % config['eval_every'] == 0:
                validate(f"step {state['step']}")
            if config['max_steps'] and state['step'] >= config['max_steps'] or time.time() >= deadline:
                stop = True
                break
        state['epoch'] += 1
        improved = validate(f"epoch {state['epoch']}{' (stopped early)' if stop else ''}")
        if not improved and not stop:
            decay_learning_rate(state, optimizer, config['lr_decay'])
        end_epoch(state, run_started, resume_path, checkpoint_payload())
    write_history(config['out'], state)
    print(f"done: best valid loss {state['best_valid']:.4f} nats/token at epoch {state['best_epoch']}, "
          f"{state['seconds'] / 60:.1f} min, {state['train_tokens'] / max(state['seconds'], 1e-9):,.0f} tokens/s overall",
          flush=True)


if __name__ == '__main__':
    main()
