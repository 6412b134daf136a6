"""CRFsuite peer for the accuracy x speed plane (issue 16) and for small treebanks (issue 15): a
linear-chain CRF with classic affix, shape and neighbour features, trained on a UD treebank's
train split (`*-ud-train.conllu` in the folder: EWT, IMST, ...) and scored on its test split
(UPOS, gold tokenization; also on words whose exact form is not in train), timed like
`tagcli tag`: features included, one sentence at a time.

    pip install python-crfsuite
    python3 Scripts/benchmarks/crfsuite_pos_peer.py ../shared/data/ud/en_ewt [MODEL_PATH [--reuse]]
    python3 Scripts/benchmarks/crfsuite_pos_peer.py ../shared/data/ud/tr_imst /tmp/crf-imst.model

With --reuse, an existing MODEL_PATH is tagged with, not retrained (timing runs only).

Prints accuracy, training seconds and tagging tokens/s (median of 3 passes over 8 copies of the
test sentences). Not a dependency of the product.
"""
import glob
import statistics
import sys
import time

import pycrfsuite


def read_conllu(path):
    sentences, words, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line:
            if words:
                sentences.append((words, tags))
            words, tags = [], []
            continue
        if line.startswith("#"):
            continue
        columns = line.split("\t")
        if "-" in columns[0] or "." in columns[0]:
            continue
        words.append(columns[1])
        tags.append(columns[3])
    if words:
        sentences.append((words, tags))
    return sentences


def shape(word):
    out = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if len(out) < 2 or not (out[-1] == c and out[-2] == c):
            out.append(c)
    return "".join(out)


def word_features(words, i):
    w = words[i]
    lower = w.lower()
    features = [
        "bias", "w=" + lower, "shape=" + shape(w),
        "upper=%d" % w[:1].isupper(), "digit=%d" % any(ch.isdigit() for ch in w),
    ]
    for n in range(1, 5):
        features.append("p%d=%s" % (n, lower[:n]))
        features.append("s%d=%s" % (n, lower[-n:]))
    for offset in (-2, -1, 1, 2):
        j = i + offset
        if 0 <= j < len(words):
            features.append("w%+d=%s" % (offset, words[j].lower()))
            features.append("s3%+d=%s" % (offset, words[j].lower()[-3:]))
        else:
            features.append("w%+d=<pad>" % offset)
    return features


def sentence_features(words):
    return [word_features(words, i) for i in range(len(words))]


def main():
    folder = sys.argv[1]
    model_path = sys.argv[2] if len(sys.argv) > 2 else "/tmp/crfsuite-ewt-upos.model"
    train_path = glob.glob(folder + "/*-ud-train.conllu")[0]
    train = read_conllu(train_path)
    test = read_conllu(train_path.replace("-ud-train.conllu", "-ud-test.conllu"))
    train_forms = {word for words, _ in train for word in words}
    training_seconds = float("nan")
    if "--reuse" not in sys.argv[3:]:
        trainer = pycrfsuite.Trainer(verbose=False)
        for words, tags in train:
            trainer.append(sentence_features(words), tags)
        trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 150,
                            "feature.possible_transitions": True})
        start = time.perf_counter()
        trainer.train(model_path)
        training_seconds = time.perf_counter() - start
    tagger = pycrfsuite.Tagger()
    tagger.open(model_path)
    correct = total = unseen_correct = unseen_total = 0
    for words, tags in test:
        predicted = tagger.tag(sentence_features(words))
        correct += sum(p == g for p, g in zip(predicted, tags))
        total += len(tags)
        for word, p, g in zip(words, predicted, tags):
            if word not in train_forms:
                unseen_total += 1
                unseen_correct += p == g
    copies = [words for words, _ in test] * 8
    tokens = sum(len(words) for words in copies)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        for words in copies:
            tagger.tag(sentence_features(words))
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    print("CRFsuite %s test UPOS %.2f %% (%d/%d), unseen words %.2f %% (%d/%d); trained in %.0f s; "
          "tagging %d tokens in %.2f s = %.0f tokens/s (features included, one sentence at a "
          "time, 1 thread)"
          % (train_path.split("/")[-1].replace("-ud-train.conllu", ""), 100.0 * correct / total,
             correct, total, 100.0 * unseen_correct / max(unseen_total, 1), unseen_correct,
             unseen_total, training_seconds, tokens, seconds, tokens / seconds))


if __name__ == "__main__":
    main()
