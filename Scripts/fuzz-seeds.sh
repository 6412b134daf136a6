#!/usr/bin/env bash
# Rebuilds the seed corpora in Fuzz/Seeds/<target>/ from the test fixtures and small slices of
# ../shared/data (skipped when it is absent). Seeds stay small (a few KB each): libFuzzer's
# default -max_len is derived from them.
#
#   Scripts/fuzz-seeds.sh            # then commit Fuzz/Seeds
#
# The model seed is a tiny model trained by tagcli on the tagcliTests fixture (needs a built
# tagcli; `swift build` first).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seeds="$root/Fuzz/Seeds"
fixtures="$root/Tests/CorporaTests/Fixtures"
data="$root/../shared/data"
rm -rf "$seeds"
for target in conllu conllx columns wordtag plain tsv jsonl tiger nps tei alpino xml detect model tokenizer; do
  mkdir -p "$seeds/$target"
done

copy() { # target file...
  local target="$1"
  shift
  for file in "$@"; do cp "$file" "$seeds/$target/"; done
}
slice() { # target name command...
  local target="$1" name="$2"
  shift 2
  "$@" > "$seeds/$target/$name" || true
}

copy conllu "$fixtures"/*.conllu
copy conllx "$fixtures"/*.conllx
copy columns "$fixtures"/chunking.txt "$fixtures"/docstart-*.txt "$fixtures"/ragged-column-line.txt \
  "$fixtures"/one-bad-sentence-columns.txt "$fixtures"/invalid-utf8-column.txt
copy wordtag "$fixtures"/word-tag.txt "$fixtures"/sample.pos "$fixtures"/empty-tag.txt \
  "$fixtures"/missing-tag-after-slash.txt
copy plain "$fixtures"/plain.txt
copy tsv "$fixtures"/*.tsv
copy jsonl "$fixtures"/*.jsonl
copy tiger "$fixtures"/xml-tiger.xml "$fixtures"/xml-untagged-tiger.xml "$fixtures"/xml-missing-*.xml \
  "$fixtures"/xml-mismatched-tag.xml "$fixtures"/xml-entity-bomb.xml "$fixtures"/xml-latin1.xml \
  "$fixtures"/xml-bad-encoding.xml "$fixtures"/xml-external-entity.xml
copy nps "$fixtures"/xml-nps-crlf.xml
copy tei "$fixtures"/xml-tei.xml "$fixtures"/xml-bnc.xml "$fixtures"/xml-untagged-tei.xml
copy alpino "$fixtures"/xml-alpino*.xml
copy xml "$fixtures"/xml-generic.xml "$fixtures"/xml-empty-word.xml
copy detect "$fixtures"/sample.conllu "$fixtures"/sample.tsv "$fixtures"/chunking.txt \
  "$fixtures"/word-tag.txt "$fixtures"/plain.txt "$fixtures"/xml-tiger.xml "$fixtures"/sample.jsonl
printf "Don't you think the U.S. economy's \"growth\" (3.5%%) costs \$1,000.50 -- e.g. at 10:30?!\n" \
  > "$seeds/tokenizer/english.txt"
printf "I can't, won't and cannot go; gonna wanna gotta… “quoted” ‘single’ «guillemets» mail@example.com http://a.b/c\n" \
  > "$seeds/tokenizer/clitics.txt"
cp "$fixtures"/plain.txt "$seeds/tokenizer/"

if [[ -d "$data" ]]; then
  slice conllu ewt-head.conllu head -c 3000 "$data/ud/en_ewt/en_ewt-ud-dev.conllu"
  slice conllu imst-head.conllu head -c 3000 "$data/ud/tr_imst/tr_imst-ud-dev.conllu"
  slice columns conll2000-head.txt head -n 60 "$data/conll/conll2000/test.txt"
  slice columns conll2002-head.txt head -n 60 "$data/conll/conll2002/esp.testa"
  slice wordtag wsj_0001.pos head -c 3000 "$data/ptb/treebank/tagged/wsj_0001.pos"
  slice nps nps-head.xml sh -c "head -n 40 '$data/xml/nps_chat/11-08-40s_706posts.xml'; printf '</Posts>\n</Session>\n'"
  slice tei eltec-body.xml sh -c "printf '<TEI><text><body><p>\n'; grep -m 40 -E '<(s|w|pc)[ >]|</s>' '$data/xml/eltec_slv/SLV10008-L2.xml'; printf '</p></body></text></TEI>\n'"
  slice detect ewt-head.conllu head -c 2000 "$data/ud/en_ewt/en_ewt-ud-dev.conllu"
  slice detect wsj_0001.pos head -c 2000 "$data/ptb/treebank/tagged/wsj_0001.pos"
  slice tokenizer ewt-text.txt sh -c "grep -m 40 '^# text' '$data/ud/en_ewt/en_ewt-ud-dev.conllu' | cut -c10-"
fi

tagcli="$root/.build/debug/tagcli"
if [[ -x "$tagcli" ]]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  "$tagcli" train "$root/Tests/tagcliTests/Fixtures/train-tiny.conllu" --seed 1 --epochs 1 --dev "$root/Tests/tagcliTests/Fixtures/train-tiny.conllu" \
    --layers 1 --hidden 2 --word-dim 2 --char-dim 2 --char-hidden 2 -o "$work/tiny.tagger" > /dev/null
  cp "$work/tiny.tagger" "$seeds/model/tiny.tagger"
  "$tagcli" train "$root/Tests/tagcliTests/Fixtures/train-tiny.conllu" --seed 1 --epochs 1 --dev "$root/Tests/tagcliTests/Fixtures/train-tiny.conllu" \
    --layers 1 --hidden 2 --word-dim 2 --char-hidden 0 --cell gru -o "$work/nochars.tagger" > /dev/null
  cp "$work/nochars.tagger" "$seeds/model/nochars.tagger"
fi
du -sh "$seeds"/*
