"""Local-mode tests of Scripts/spark/tag_corpus.py (run by Scripts/test.sh when Java and pyspark exist).

Each test runs the script as a user would, on local[2], and compares with single-process tagcli.
The corpus is UD English EWT dev from ../shared when present, else the bundled TIGER-XML sample
converted to CoNLL-U.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
SCRIPT = os.path.join(REPOSITORY, "Scripts/spark/tag_corpus.py")
MODEL = os.path.join(REPOSITORY, "models/en_ewt-upos.tagger")
EWT_DEV = os.path.join(REPOSITORY, "../shared/data/ud/en_ewt/en_ewt-ud-dev.conllu")

if shutil.which("java") is None:
    pytest.skip("Java is missing: install openjdk-17-jre-headless (Scripts/bootstrap.sh --spark)",
                allow_module_level=True)
pytest.importorskip("pyspark", reason="pyspark is missing: Scripts/bootstrap.sh --spark")


def find_binary():
    for candidate in (os.environ.get("TAGCLI"), ".build/release/tagcli", ".build/debug/tagcli"):
        if candidate and os.path.isfile(os.path.join(REPOSITORY, candidate)):
            return os.path.join(REPOSITORY, candidate)
    pytest.skip("no tagcli binary: run swift build first")


TAGCLI = find_binary()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    path = folder / "gold.conllu"
    if os.path.isfile(EWT_DEV):
        shutil.copy(EWT_DEV, path)
    else:
        print("../shared is missing: using the bundled EWT sample", file=sys.stderr)
        subprocess.run([TAGCLI, "convert", os.path.join(REPOSITORY, "data/ewt-sample/ewt-sample.xml"),
                        "-o", str(path)], check=True)
    return path


def single_process(arguments, stdin_path):
    with open(stdin_path, "rb") as handle:
        done = subprocess.run([TAGCLI, "tag", "-m", MODEL] + arguments, stdin=handle,
                              capture_output=True, check=True)
    return done.stdout


def run_script(arguments, **kwargs):
    return subprocess.run([sys.executable, SCRIPT, "--master", "local[2]", "-m", MODEL,
                           "--tagcli", TAGCLI] + arguments, capture_output=True, text=True,
                          **kwargs)


def concatenated(folder):
    names = sorted(name for name in os.listdir(folder) if name.startswith("part-"))
    assert os.path.isfile(os.path.join(folder, "_SUCCESS"))
    return b"".join(open(os.path.join(folder, name), "rb").read() for name in names)


def summary(stderr):
    line = [line for line in stderr.splitlines() if line.startswith("tag_corpus.py: {")][-1]
    return json.loads(line[len("tag_corpus.py: "):])


def test_conllu_output_is_byte_identical_to_one_process(corpus, tmp_path):
    out = tmp_path / "out"
    done = run_script(["--input", str(corpus), "--format", "conllu", "--output", str(out),
                       "--partitions", "5"])
    assert done.returncode == 0, done.stderr
    assert concatenated(out) == single_process(["--input", "conllu"], corpus)
    figures = summary(done.stderr)
    assert figures["partitions"] >= 2 and figures["sentences"] > 0 and figures["tokens"] > 0


def test_text_input_and_passed_options(corpus, tmp_path):
    text = tmp_path / "lines.txt"
    with open(corpus, encoding="utf-8") as handle:
        lines = [line[len("# text = "):] for line in handle if line.startswith("# text = ")]
    text.write_text("".join(lines[:300]), encoding="utf-8")
    out = tmp_path / "out"
    done = run_script(["--input", str(text), "--format", "text", "--output", str(out),
                       "--partitions", "3", "--probs"])
    assert done.returncode == 0, done.stderr
    assert concatenated(out) == single_process(["--probs"], text)
    assert summary(done.stderr)["sentences"] == 300


def test_killed_worker_is_retried_without_duplicates(corpus, tmp_path):
    binary = tmp_path / "tagcli-killtest"
    shutil.copy(TAGCLI, binary)
    killed = []

    def kill_one():
        deadline = time.time() + 120
        while time.time() < deadline and not killed:
            found = subprocess.run(["pgrep", "-f", "tagcli-killtest tag"], capture_output=True,
                                   text=True).stdout.split()
            if found:
                time.sleep(0.3)  # let it tag and write part of its partition first
                try:
                    os.kill(int(found[0]), signal.SIGKILL)
                    killed.append(int(found[0]))
                except ProcessLookupError:
                    pass
            time.sleep(0.02)

    killer = threading.Thread(target=kill_one)
    killer.start()
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, SCRIPT, "--master", "local[2]", "-m", MODEL,
                           "--tagcli", str(binary), "--input", str(corpus), "--format", "conllu",
                           "--output", str(out), "--partitions", "4"],
                          capture_output=True, text=True)
    killer.join()
    assert killed, "no tagcli process was seen to kill"
    assert done.returncode == 0, done.stderr
    assert concatenated(out) == single_process(["--input", "conllu"], corpus)


def test_malformed_sentence_fails_with_file_and_line(corpus, tmp_path):
    bad = tmp_path / "bad.conllu"
    lines = open(corpus, encoding="utf-8").read().split("\n")
    target = next(index for index, line in enumerate(lines) if index > len(lines) * 2 // 3 and line[:1].isdigit())
    lines[target] = lines[target].replace("\t", " ", 3)
    bad.write_text("\n".join(lines), encoding="utf-8")
    done = run_script(["--input", str(bad), "--format", "conllu", "--output",
                       str(tmp_path / "out"), "--partitions", "3", "--max-failures", "1"])
    assert done.returncode == 1
    assert f"{bad}:{target + 1}:" in done.stderr, done.stderr

    done = run_script(["--input", str(bad), "--format", "conllu", "--output",
                       str(tmp_path / "lenient"), "--partitions", "3", "--skip-malformed"])
    assert done.returncode == 0, done.stderr
    assert summary(done.stderr)["skipped"] == 1


def test_input_that_is_not_utf8_fails_with_file_and_line(corpus, tmp_path):
    """Hadoop's Text turns bytes that are not UTF-8 into U+FFFD; they were tagged as words."""
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(b"fine words\n" * 50 + b"caf\xe9 au lait\n" + b"more words\n" * 50)
    out = tmp_path / "out"
    done = run_script(["--input", str(latin1), "--format", "text", "--output", str(out),
                       "--partitions", "2", "--max-failures", "1"], timeout=600)
    assert done.returncode == 1
    assert f"{latin1}:51: invalid UTF-8: Spark's text reader turned bytes" in done.stderr, \
        done.stderr
    assert not out.exists(), "the failed job's empty output folder is removed"


def test_eval_across_partitions_equals_tagcli_eval(corpus):
    done = run_script(["--eval", str(corpus), "--partitions", "4"])
    assert done.returncode == 0, done.stderr
    spark = json.loads(done.stdout.strip().splitlines()[-1])
    whole = json.loads(subprocess.run([TAGCLI, "eval", str(corpus), "-m", MODEL, "--json"],
                                      capture_output=True, check=True).stdout)
    assert spark["partitions"] >= 2
    assert (spark["tokens"], spark["correct_tokens"]) == (whole["tokens"], whole["correct_tokens"])
    assert spark["accuracy"] == pytest.approx(whole["accuracy"], abs=1e-9)


def test_existing_output_folder_is_refused(corpus, tmp_path):
    out = tmp_path / "exists"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    done = run_script(["--input", str(corpus), "--output", str(out)])
    assert done.returncode != 0 and "exists" in done.stderr
    assert (out / "keep.txt").read_text() == "mine"


def test_partition_of_blank_lines_is_answered_without_tagcli():
    """tagcli refuses an input without a word, so a text partition of blank lines only is
    answered by the script itself, with the lines tagcli would have written."""
    sys.path.insert(0, os.path.dirname(SCRIPT))
    import tag_corpus
    records = [(0, 0, ""), (0, 1, "  "), (0, 4, "\n")]
    settings = {"format": "text", "arguments": [], "environment": {}}
    assert list(tag_corpus.tag_partitions(iter(records), settings)) == ["", "", "\n"]
    assert list(tag_corpus.tag_partitions(iter([]), settings)) == []
