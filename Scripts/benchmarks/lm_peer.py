#!/usr/bin/env python3
"""PyTorch peer of `tagcli lm train` for a speed comparison under the same machine load.

The recipe of issue 13's peer: one-hot input, LSTM 2x128, Adam 2e-3, batch 32 lines, clip 5,
length-sorted batches (pools of 50 batches), <bos> ... <eos> around each line of Unicode scalars.
It trains for one epoch over the given text lines and prints the training characters per second
(characters = scalars + one <eos> per line, as tagcli counts them), wall clock and CPU time.

Usage: python3 Scripts/benchmarks/lm_peer.py LINES.txt [--threads 2]
"""
import argparse
import random
import time

import torch
import torch.nn as nn


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("lines")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    lines = [l.rstrip("\n") for l in open(args.lines, encoding="utf-8") if l.strip()]
    symbols = sorted({c for line in lines for c in line})
    ids = {c: i + 4 for i, c in enumerate(symbols)}  # 0 pad, 1 unk, 2 bos, 3 eos
    vocabulary = len(symbols) + 4
    encoded = [[ids[c] for c in line] for line in lines]

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(vocabulary, 128, num_layers=2, batch_first=True)
            self.out = nn.Linear(128, vocabulary)

        def forward(self, x):
            h, _ = self.lstm(nn.functional.one_hot(x, vocabulary).float())
            return self.out(h)

    model = Model()
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    order = list(range(len(encoded)))
    random.shuffle(order)
    batches = []
    pool = 32 * 50
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lambda i: len(encoded[i]))
        batches += [chunk[i:i + 32] for i in range(0, len(chunk), 32)]
    random.shuffle(batches)
    characters = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for batch in batches:
        length = max(len(encoded[i]) for i in batch) + 1
        x = torch.zeros(len(batch), length, dtype=torch.long)
        y = torch.full((len(batch), length), -100, dtype=torch.long)
        for row, i in enumerate(batch):
            line = encoded[i]
            x[row, :len(line) + 1] = torch.tensor([2] + line)
            y[row, :len(line) + 1] = torch.tensor(line + [3])
            characters += len(line) + 1
        logits = model(x)
        loss = nn.functional.cross_entropy(logits.reshape(-1, vocabulary), y.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        optimizer.step()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"peer: {characters} characters, {wall:.1f} s wall, {cpu:.1f} s CPU, "
          f"{characters / wall:.0f} chars/s wall, {characters / cpu:.0f} chars/CPU-s, "
          f"{args.threads} threads")


if __name__ == "__main__":
    main()
