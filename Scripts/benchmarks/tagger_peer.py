#!/usr/bin/env python3
"""PyTorch peer of `tagcli train` (the default accurate architecture) for issue 16's training-speed
ratio, run on the same machine in the same window as tagcli.

The architecture and recipe of tagcli's defaults:
- words lowercased, digits folded to 0, kept when seen at least twice; a known word is replaced
  by <unk> with probability 0.25 / (0.25 + count) during training (word dropout);
- word embeddings 100; a character BiLSTM (embeddings 32, hidden 50 per direction) over each
  distinct word of the batch, its two final states appended (200 inputs);
- dropout 0.33 on the inputs, between the layers and before the classifier; a 2-layer BiLSTM of
  128 per direction; a linear softmax layer over the UPOS tags;
- Adam 2e-3, gradient-norm clipping at 5, batches of 32 sentences from length-sorted pools of 50
  batches.
It trains for the given number of epochs and prints, per epoch, the training tokens per second
(training only, as tagcli's epoch line) and the dev accuracy, then wall and CPU time.

Usage: python3 Scripts/benchmarks/tagger_peer.py TRAIN.conllu DEV.conllu [--epochs 1] [--threads 2]
"""
import argparse
import random
import re
import time

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence


def read_conllu(path):
    sentences, words, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if words:
                sentences.append((words, tags))
            words, tags = [], []
        elif not line.startswith("#"):
            columns = line.split("\t")
            if "-" in columns[0] or "." in columns[0]:
                continue
            words.append(columns[1])
            tags.append(columns[3])
    if words:
        sentences.append((words, tags))
    return sentences


def normalize(word):
    return re.sub(r"[0-9]", "0", word.lower())


class Tagger(nn.Module):
    def __init__(self, word_count, char_count, tag_count):
        super().__init__()
        self.words = nn.Embedding(word_count, 100)
        self.chars = nn.Embedding(char_count, 32, padding_idx=0)
        self.char_lstm = nn.LSTM(32, 50, batch_first=True, bidirectional=True)
        self.drop = nn.Dropout(0.33)
        self.lstm = nn.LSTM(200, 128, num_layers=2, dropout=0.33, bidirectional=True,
                            batch_first=True)
        self.out = nn.Linear(256, tag_count)

    def forward(self, word_ids, lengths, char_ids, char_lengths, word_to_distinct):
        packed = pack_padded_sequence(self.chars(char_ids), char_lengths, batch_first=True,
                                      enforce_sorted=False)
        _, (final, _) = self.char_lstm(packed)
        distinct = torch.cat([final[0], final[1]], dim=1)
        x = torch.cat([self.words(word_ids), distinct[word_to_distinct]], dim=2)
        packed = pack_padded_sequence(self.drop(x), lengths, batch_first=True,
                                      enforce_sorted=False)
        output, _ = self.lstm(packed)
        output, _ = pad_packed_sequence(output, batch_first=True, total_length=word_ids.shape[1])
        return self.out(self.drop(output))


def batches(sentences, size, rng):
    order = list(range(len(sentences)))
    rng.shuffle(order)
    result = []
    pool = size * 50
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lambda i: len(sentences[i][0]))
        result += [chunk[i:i + size] for i in range(0, len(chunk), size)]
    rng.shuffle(result)
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("train")
    parser.add_argument("dev")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    started, cpu_started = time.time(), time.process_time()

    train, dev = read_conllu(args.train), read_conllu(args.dev)
    counts = {}
    for words, _ in train:
        for word in words:
            counts[normalize(word)] = counts.get(normalize(word), 0) + 1
    vocabulary = {w: i + 2 for i, w in enumerate(sorted(w for w, c in counts.items() if c >= 2))}
    characters = {c: i + 2 for i, c in enumerate(sorted({c for s, _ in train for w in s for c in w}))}
    tagset = {t: i for i, t in enumerate(sorted({t for _, ts in train for t in ts}))}
    model = Tagger(len(vocabulary) + 2, len(characters) + 2, len(tagset))
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    loss_function = nn.CrossEntropyLoss(ignore_index=-1)

    def tensors(group, training):
        lengths = [len(words) for words, _ in group]
        width = max(lengths)
        word_ids = torch.zeros(len(group), width, dtype=torch.long)
        tag_ids = torch.full((len(group), width), -1, dtype=torch.long)
        distinct, index_of = [], {}
        word_to_distinct = torch.zeros(len(group), width, dtype=torch.long)
        for row, (words, tags) in enumerate(group):
            for column, word in enumerate(words):
                key = normalize(word)
                wid = vocabulary.get(key, 1)
                if training and wid != 1 and rng.random() < 0.25 / (0.25 + counts[key]):
                    wid = 1
                word_ids[row, column] = wid
                tag_ids[row, column] = tagset.get(tags[column], -1)
                if word not in index_of:
                    index_of[word] = len(distinct)
                    distinct.append(word)
                word_to_distinct[row, column] = index_of[word]
        char_lengths = [len(word) for word in distinct]
        char_ids = torch.zeros(len(distinct), max(char_lengths), dtype=torch.long)
        for row, word in enumerate(distinct):
            char_ids[row, :len(word)] = torch.tensor([characters.get(c, 1) for c in word])
        return word_ids, torch.tensor(lengths), char_ids, torch.tensor(char_lengths), \
            word_to_distinct, tag_ids

    for epoch in range(1, args.epochs + 1):
        model.train()
        epoch_started = time.time()
        tokens = 0
        for group in batches(train, 32, rng):
            group = [train[i] for i in group]
            word_ids, lengths, char_ids, char_lengths, mapping, tag_ids = tensors(group, True)
            logits = model(word_ids, lengths, char_ids, char_lengths, mapping)
            loss = loss_function(logits.reshape(-1, logits.shape[-1]), tag_ids.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            tokens += int(lengths.sum())
        elapsed = time.time() - epoch_started
        model.eval()
        correct = total = 0
        with torch.no_grad():
            for start in range(0, len(dev), 256):
                group = dev[start:start + 256]
                word_ids, lengths, char_ids, char_lengths, mapping, tag_ids = tensors(group, False)
                predicted = model(word_ids, lengths, char_ids, char_lengths, mapping).argmax(-1)
                mask = tag_ids >= 0
                correct += int((predicted[mask] == tag_ids[mask]).sum())
                total += int(mask.sum())
        print(f"epoch {epoch:3d}  {elapsed:7.1f} s  {tokens / elapsed:8.0f} tok/s  "
              f"dev {100 * correct / total:.2f}%", flush=True)
    print(f"wall {time.time() - started:.1f} s  cpu {time.process_time() - cpu_started:.1f} s  "
          f"threads {args.threads}  torch {torch.__version__}")


if __name__ == "__main__":
    main()
