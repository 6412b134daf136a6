#!/usr/bin/env python3
"""Tag a corpus of any size on Apache Spark with the tagcli binary and a model.

    python Scripts/spark/tag_corpus.py --master local[2] -m MODEL --input PATH \
        --format conllu|text --output DIR [--output-format FMT] [tagcli options]

The input (one file, a folder or a glob; local paths or any Hadoop file system) is cut into
partitions at sentence boundaries: a line for text, a blank-line-separated block for CoNLL-U, so a
sentence is never split. Each partition is streamed through one `tagcli tag` process on an
executor; the binary and the model travel with `SparkFiles`. The tagged lines are saved with
`saveAsTextFile`, whose output commit protocol keeps only the output of the one successful attempt
of each partition: a killed or crashed worker is retried, never duplicated. The part files of DIR,
concatenated in name order, are the tagged corpus; `_SUCCESS` marks a complete job.

`--eval` tags the input (a gold CoNLL-U corpus) and scores each partition with `tagcli eval
--json`; the counts are summed, so the accuracy equals `tagcli eval` on the whole file.

Arguments this script does not know are passed to `tagcli tag` unchanged (`--probs`, `--top 3`,
`--tag xpos`, ...); `--output-format` is passed as tagcli's `--output`.
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ERROR_MARKER = "TAGCLI_PARTITION_ERROR:"
HADOOP_TEXT_INPUT = "org.apache.hadoop.mapreduce.lib.input.TextInputFormat"
REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Unknown options are passed to `tagcli tag`.")
    parser.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
    parser.add_argument("-m", "--model", help="model file (default: the shipped English model)")
    parser.add_argument("--input", help="input file, folder or glob")
    parser.add_argument("--format", choices=["conllu", "text"], default=None,
                        help="input format (default: conllu for .conllu files, else text)")
    parser.add_argument("--output", help="output folder for the part files (must not exist)")
    parser.add_argument("--output-format", help="tagcli's --output (default: the input's)")
    parser.add_argument("--tagcli", help="the tagcli binary (default: tagcli on PATH, "
                        "else .build/release/tagcli)")
    parser.add_argument("--eval", metavar="GOLD",
                        help="score the model on this gold CoNLL-U corpus instead of tagging")
    parser.add_argument("--skip-malformed", action="store_true",
                        help="skip malformed sentences and report how many, instead of failing")
    parser.add_argument("--partitions", type=int,
                        help="partitions to cut the input into (default: 4 per executor core)")
    parser.add_argument("--max-failures", type=int, default=4,
                        help="attempts per partition before the job fails (default 4)")
    arguments, passthrough = parser.parse_known_args(argv)
    if arguments.eval:
        if arguments.input:
            parser.error("--eval GOLD takes the gold corpus as the input; drop --input")
        arguments.input, arguments.format = arguments.eval, "conllu"
    elif not arguments.input or not arguments.output:
        parser.error("--input and --output are required (or --eval GOLD)")
    if arguments.partitions is not None and arguments.partitions < 1:
        parser.error("--partitions must be at least 1")
    if arguments.max_failures < 1:
        parser.error("--max-failures must be at least 1")
    if arguments.format is None:
        arguments.format = "conllu" if arguments.input.endswith(".conllu") else "text"
    if arguments.output and os.path.exists(arguments.output):
        parser.error(f"{arguments.output}: output folder exists; choose a new one")
    if "--input" in passthrough or "--pretokenized" in passthrough and arguments.format == "conllu":
        parser.error("--input/--pretokenized are set by --format")
    return arguments, passthrough


def find_tagcli(explicit):
    """The tagcli binary: --tagcli, else tagcli on PATH, else the repository's release build."""
    candidates = [explicit] if explicit else [shutil.which("tagcli"),
                                              os.path.join(REPOSITORY, ".build/release/tagcli")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return os.path.abspath(candidate)
    where = explicit or "tagcli on PATH, " + os.path.join(REPOSITORY, ".build/release/tagcli")
    sys.exit(f"tag_corpus.py: no tagcli binary found (looked for {where}); "
             "build one with Scripts/build-release.sh or pass --tagcli PATH")


def expand_input(path):
    """The input files in order: a folder's visible files by name, a glob's matches by name."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", path) and not path.startswith("file://"):
        return [path]  # a Hadoop file system: Spark expands folders and globs itself
    local = path[len("file://"):] if path.startswith("file://") else path
    if os.path.isdir(local):
        files = sorted(os.path.join(local, name) for name in os.listdir(local)
                       if not name.startswith((".", "_"))
                       and os.path.isfile(os.path.join(local, name)))
    elif any(character in local for character in "*?["):
        files = sorted(name for name in glob.glob(local) if os.path.isfile(name))
    else:
        if not os.path.isfile(local):
            sys.exit(f"tag_corpus.py: {path}: no such file or folder")
        files = [local]
    if not files:
        sys.exit(f"tag_corpus.py: {path}: no input files found")
    return [os.path.abspath(name) for name in files]


def record_delimiter(path, text_format):
    """The record delimiter of a file: a line for text, a blank line for CoNLL-U (LF or CRLF)."""
    if text_format == "text":
        return "\n"
    try:
        with open(path, "rb") as handle:
            return "\r\n\r\n" if b"\r\n" in handle.read(65536) else "\n\n"
    except OSError:
        return "\n\n"


def read_records(context, files, text_format, partitions):
    """An RDD of (file index, byte offset, record text) in input order, cut at sentence ends."""
    total_bytes = sum(os.path.getsize(name) for name in files if os.path.isfile(name)) or 1
    split_bytes = max(64 * 1024, -(-total_bytes // partitions))
    rdds = []
    for index, name in enumerate(files):
        configuration = {
            "textinputformat.record.delimiter": record_delimiter(name, text_format),
            "mapreduce.input.fileinputformat.split.maxsize": str(split_bytes),
        }
        pairs = context.newAPIHadoopFile(
            name, HADOOP_TEXT_INPUT, "org.apache.hadoop.io.LongWritable",
            "org.apache.hadoop.io.Text", conf=configuration)
        rdds.append(pairs.flatMap(lambda pair, index=index: clean_record(index, pair, text_format)))
    return rdds[0] if len(rdds) == 1 else context.union(rdds)


REPLACEMENT_MESSAGE = (
    "invalid UTF-8: Spark's text reader turned bytes that are not UTF-8 into U+FFFD, which tagcli "
    "would tag as words (the input must be UTF-8; iconv -f LATIN1 -t UTF-8 converts Latin-1; a "
    "U+FFFD already in the file comes from an earlier damaged conversion)")


def clean_record(file_index, pair, text_format):
    """Drops the blank lines around a CoNLL-U block (keeping its offset exact); keeps text lines.

    Hadoop's `Text` decodes bytes that are not UTF-8 as U+FFFD, so a Latin-1 corpus would reach
    tagcli as valid UTF-8 and be tagged with replacement characters in place of its words: a
    record holding U+FFFD fails the job at its line, as `tagcli tag` refuses such a file.
    """
    offset, text = pair
    replaced = text.find("\ufffd")
    if replaced >= 0:
        raise RuntimeError(ERROR_MARKER + json.dumps(
            {"status": 1, "message": REPLACEMENT_MESSAGE,
             "record": [file_index, offset, text.count("\n", 0, replaced)]}))
    if text_format == "text":
        return [(file_index, offset, text.rstrip("\r"))]
    stripped = text.lstrip("\r\n")
    offset += len(text.encode("utf-8")) - len(stripped.encode("utf-8"))
    stripped = stripped.rstrip("\r\n")
    return [(file_index, offset, stripped)] if stripped else []


OUTPUT_CHUNK_BYTES = 1 << 20


def stream_through(command, records, text_format, environment):
    """Runs `command` once, feeding it `records` and yielding its output lines as they come.

    Raises with ERROR_MARKER and a JSON description of the failing record when tagcli fails.
    """
    separator = "\n" if text_format == "text" else "\n\n"
    spans = []  # (file index, offset, first line in the stream, line count)
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=environment, bufsize=1 << 16)
    errors = []
    stderr_reader = threading.Thread(target=lambda: errors.append(process.stderr.read()))
    stderr_reader.start()

    failures = []

    def feed():
        line = 1
        try:
            for file_index, offset, text in records:
                spans.append((file_index, offset, line, text.count("\n") + 1))
                line += text.count("\n") + separator.count("\n")
                process.stdin.write((text + separator).encode("utf-8"))
        except (BrokenPipeError, ValueError):
            pass  # tagcli stopped reading: its exit status says why
        except Exception as error:  # reading a record failed: end tagcli's input, raise it below
            failures.append(error)
        finally:
            try:
                process.stdin.close()
            except (BrokenPipeError, ValueError):
                pass

    feeder = threading.Thread(target=feed)
    feeder.start()
    # Whole chunks of lines, not one element per line: `saveAsTextFile` writes each element and a
    # newline, so a chunk without its final newline comes out byte for byte, and Python handles a
    # few elements per megabyte instead of one per token.
    pending = b""
    while True:
        block = process.stdout.read1(OUTPUT_CHUNK_BYTES)
        if not block:
            break
        pending += block
        cut = pending.rfind(b"\n")
        if cut >= 0:
            yield pending[:cut].decode("utf-8")
            pending = pending[cut + 1:]
    if pending:
        yield pending.decode("utf-8")
    status = process.wait()
    feeder.join()
    stderr_reader.join()
    if failures:  # before tagcli's status: it saw only the records ahead of the failure
        raise failures[0]
    if status != 0:
        message = b"".join(errors).decode("utf-8", "replace").strip()
        raise RuntimeError(ERROR_MARKER + json.dumps(
            {"status": status, "message": message, "record": locate(message, spans)}))


def locate(message, spans):
    """The (file index, offset, line within the record) that tagcli's `-:LINE:` message names."""
    found = re.search(r"(?:^|\s)(?:-|<stdin>):(\d+)", message)
    if not found:
        return None
    line = int(found.group(1))
    for file_index, offset, first, count in spans:
        if first <= line < first + count:
            return [file_index, offset, line - first]
    return None


def tag_partitions(records, settings):
    """The function run on each partition: tagcli over the partition's records, in order."""
    iterator = iter(records)
    # Blank text records ahead of the first word are held back: tagcli rightly refuses an input
    # without a word, so a partition of blank lines only (or no record) is answered here, with
    # the blank lines tagcli would have written for them.
    blanks = []
    first = next(iterator, None)
    while first is not None and settings["format"] == "text" and not first[2].strip():
        blanks.append(first)
        first = next(iterator, None)
    if first is None:
        for _, _, text in blanks:
            yield "\n" * text.count("\n")
        return
    from pyspark import SparkFiles

    binary = executable(settings)
    command = [binary, "tag", "-m", SparkFiles.get(settings["model"])] + settings["arguments"]
    yield from stream_through(command, chained(blanks + [first], iterator), settings["format"],
                              settings["environment"])


def eval_partitions(records, settings):
    """Scores one partition with `tagcli eval --json`; yields its counts once."""
    records = list(records)
    if not records:
        return
    from pyspark import SparkFiles

    binary = executable(settings)
    with tempfile.TemporaryDirectory() as folder:
        gold = os.path.join(folder, "gold.conllu")
        spans, line = [], 1
        with open(gold, "w", encoding="utf-8") as handle:
            for file_index, offset, text in records:
                spans.append((file_index, offset, line, text.count("\n") + 1))
                line += text.count("\n") + 2
                handle.write(text + "\n\n")
        command = [binary, "eval", gold, "-m", SparkFiles.get(settings["model"]), "--json",
                   "--format", "conllu"] + settings["arguments"]
        done = subprocess.run(command, capture_output=True, env=settings["environment"])
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().replace(gold, "-")
            raise RuntimeError(ERROR_MARKER + json.dumps(
                {"status": done.returncode, "message": message,
                 "record": locate(message, spans)}))
        scores = json.loads(done.stdout)
    yield {key: scores.get(key, 0) for key in
           ("sentences", "tokens", "correct_tokens", "correct_sentences")}


def executable(settings):
    """The shipped binary on this executor, executable, with its lib/ folder on the loader path."""
    from pyspark import SparkFiles

    binary = SparkFiles.get(settings["binary"])
    os.chmod(binary, 0o755)
    libraries = os.path.join(os.path.dirname(binary), "lib")
    if os.path.isdir(libraries):
        path = settings["environment"].get("LD_LIBRARY_PATH")
        settings["environment"]["LD_LIBRARY_PATH"] = libraries + (":" + path if path else "")
    return binary


def chained(firsts, rest):
    yield from firsts
    yield from rest


def line_of_offset(path, offset):
    """The 1-based line number at byte `offset` of a local file, or None."""
    try:
        with open(path, "rb") as handle:
            return handle.read(offset).count(b"\n") + 1
    except OSError:
        return None


def explain_failure(error, files):
    """A `file:line: message` for a failed job, from the marker a partition raised."""
    text = str(error)
    start = text.find(ERROR_MARKER)
    if start < 0:  # not tagcli's failure: name the Python or Spark error that stopped the job
        raised = re.findall(r"^(\w+(?:Error|Exception): .*)$", text, re.M)
        reason = raised[-1] if raised else (text.splitlines()[0] if text else str(error))
        return f"tag_corpus.py: the Spark job failed: {reason}"
    decoder = json.JSONDecoder()
    details, _ = decoder.raw_decode(text[start + len(ERROR_MARKER):])
    message = details["message"] or f"tagcli exited with status {details['status']}"
    message = re.sub(r"^Error: ", "", message)
    record = details.get("record")
    if record:
        file_index, offset, line_in_record = record
        name = files[file_index]
        line = line_of_offset(name, offset)
        where = f"{name}:{line + line_in_record}" if line else f"{name} (byte {offset})"
        message = re.sub(r"(?:-|<stdin>):\d+(?::\d+)?", where, message, count=1)
        if not message.startswith(name):
            message = f"{where}: {message}"
    return "tag_corpus.py: " + message.replace("\\n", "\n")


def count_output(lines, output_format):
    """(sentences, tokens) in one partition of tagcli's output."""
    sentences = tokens = 0
    for line in lines:
        if output_format in ("conllu", "conllx", "tsv"):
            if not line:
                sentences += 1
            elif output_format == "tsv" or re.match(r"^\d+\t", line):
                tokens += 1
        elif output_format == "json":
            if line.strip():
                sentences += 1
                tokens += len(json.loads(line).get("tokens", []))
        elif line.strip():
            sentences += 1
            tokens += len(line.split())
    yield sentences, tokens


def output_format_of(arguments):
    if arguments.output_format:
        return arguments.output_format
    return "conllu" if arguments.format == "conllu" else "wordtag"


def make_context(arguments):
    from pyspark import SparkConf, SparkContext

    configuration = SparkConf().setAppName("tagcli tag_corpus")
    quiet = "-Dlog4j2.configurationFile=" + os.path.join(os.path.dirname(__file__),
                                                         "log4j2.properties")
    configuration.setIfMissing("spark.driver.extraJavaOptions", quiet)
    master = arguments.master or configuration.get("spark.master", "local[*]")
    local = re.fullmatch(r"local\[(\d+|\*)\]", master)
    if local:  # local mode retries a task only when the master says how often
        master = f"local[{local.group(1)},{arguments.max_failures}]"
    if master.startswith("local"):  # keep every socket of a local run on the loopback interface
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        configuration.set("spark.driver.host", "127.0.0.1")
        configuration.set("spark.driver.bindAddress", "127.0.0.1")
    configuration.setMaster(master)
    configuration.set("spark.task.maxFailures", str(arguments.max_failures))
    configuration.set("spark.ui.showConsoleProgress", "false")
    context = SparkContext.getOrCreate(configuration)
    context.setLogLevel("FATAL")
    return context


def main(argv):
    arguments, passthrough = parse_arguments(argv)
    binary = find_tagcli(arguments.tagcli)
    model = os.path.abspath(arguments.model or os.path.join(REPOSITORY, "models/en_ewt-upos.tagger"))
    if not os.path.isfile(model):
        sys.exit(f"tag_corpus.py: {model}: no such model file")
    files = expand_input(arguments.input)
    tagcli_arguments = list(passthrough)
    if arguments.eval:
        if arguments.skip_malformed:
            tagcli_arguments.append("--skip-malformed")
    else:
        tagcli_arguments += ["--input", "conllu"] if arguments.format == "conllu" else []
        if arguments.output_format:
            tagcli_arguments += ["--output", arguments.output_format]
        if arguments.skip_malformed:
            tagcli_arguments.append("--skip-malformed")
    environment = dict(os.environ, OPENBLAS_NUM_THREADS="1")

    context = make_context(arguments)
    shipped = os.path.basename(binary)
    if os.path.isdir(os.path.join(os.path.dirname(binary), "lib")):
        # Scripts/build-release.sh's layout: the binary with its libraries in lib/ beside it
        context.addFile(os.path.dirname(binary), recursive=True)
        shipped = os.path.join(os.path.basename(os.path.dirname(binary)), shipped)
    else:
        context.addFile(binary)
    context.addFile(model)
    settings = {"binary": shipped, "model": os.path.basename(model),
                "arguments": tagcli_arguments, "format": arguments.format,
                "environment": environment}
    cores = context.defaultParallelism
    partitions = arguments.partitions or 4 * cores
    started = time.time()
    records = read_records(context, files, arguments.format, partitions)
    try:
        if arguments.eval:
            return report_eval(records, settings, started, cores)
        tagged = records.mapPartitions(lambda part: tag_partitions(part, settings))
        tagged.saveAsTextFile(arguments.output)
        elapsed = time.time() - started
        counts = context.textFile(arguments.output).mapPartitions(
            lambda part: count_output(part, output_format_of(arguments))).collect()
        sentences, tokens = map(sum, zip(*counts)) if counts else (0, 0)
        summary = {"sentences": sentences, "tokens": tokens, "seconds": round(elapsed, 2),
                   "tokens_per_second": round(tokens / elapsed) if elapsed else 0,
                   "executor_cores": cores, "partitions": records.getNumPartitions()}
        if arguments.skip_malformed:
            summary["skipped"] = records.count() - sentences if arguments.format == "conllu" \
                else 0
        if sentences == 0:
            print(f"tag_corpus.py: {arguments.input}: no sentences found", file=sys.stderr)
            return 1
        print("tag_corpus.py: " + json.dumps(summary), file=sys.stderr)
        return 0
    except Exception as error:  # a Py4J or Spark error: the first partition's own message
        print(explain_failure(error, files), file=sys.stderr)
        remove_empty_output(arguments.output)
        return 1


def remove_empty_output(output):
    """Removes the local output folder that a failed job created and left empty, so that the
    same command can run again once the input is mended (an existing folder is refused)."""
    if not output or ("://" in output and not output.startswith("file:")):
        return
    folder = re.sub(r"^file:(//)?", "", output)
    try:
        os.rmdir(folder)  # only an empty folder: never anything a user put there
    except OSError:
        pass
    finally:
        context.stop()


def report_eval(records, settings, started, cores):
    counts = records.mapPartitions(lambda part: eval_partitions(part, settings)).collect()
    total = {key: sum(part[key] for part in counts) for key in
             ("sentences", "tokens", "correct_tokens", "correct_sentences")}
    if total["tokens"] == 0:
        print("tag_corpus.py: no tokens to score", file=sys.stderr)
        return 1
    total["accuracy"] = 100.0 * total["correct_tokens"] / total["tokens"]
    total["sentence_accuracy"] = 100.0 * total["correct_sentences"] / total["sentences"]
    total["partitions"] = len(counts)
    total["executor_cores"] = cores
    total["seconds"] = round(time.time() - started, 2)
    print(json.dumps(total, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
