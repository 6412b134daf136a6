/// The page served at `GET /`: type text, see each word with its tag as a coloured label,
/// hover a word for its three most probable tags, choose a model. A model with a label head
/// shows each sentence's label (hover it for the three most probable) before its words.
///
/// Self-contained: styles and script are inline and it loads nothing from the network, so it
/// works offline. It calls `GET /models` and `POST /tag?model=…&probs=true&top=3`.
enum WebPage {
  static let html = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>tagcli serve</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em;
             color: #222; background: #fafafa; }
      h1 { font-size: 1.3em; margin: 0 0 .6em; }
      textarea { width: 100%; box-sizing: border-box; min-height: 6em; font: inherit; padding: .5em; }
      .controls { display: flex; gap: 1em; align-items: center; margin: .6em 0 1.2em; }
      button { font: inherit; padding: .3em 1em; }
      #status { color: #666; font-size: .9em; }
      #status.error { color: #b00020; }
      .sentence { margin: 0 0 1em; line-height: 2.8; }
      .token { display: inline-flex; flex-direction: column; align-items: center; margin: 0 .25em;
               vertical-align: top; line-height: 1.4; cursor: default; position: relative; }
      .word { font-size: 1.05em; }
      .tag { font: 600 .72em/1.2 ui-monospace, monospace; padding: .15em .45em; border-radius: .3em;
             color: #fff; }
      .tip { display: none; position: absolute; top: 100%; left: 50%; transform: translateX(-50%);
             background: #333; color: #fff; padding: .4em .6em; border-radius: .3em; z-index: 2;
             font: .75em/1.5 ui-monospace, monospace; white-space: pre; }
      .token:hover .tip { display: block; }
      .label { font: 600 .8em/1.2 ui-monospace, monospace; padding: .2em .5em; border-radius: .3em;
               border: 2px solid; margin-right: .6em; position: relative; cursor: default; }
      .label:hover .tip { display: block; }
    </style>
    </head>
    <body>
    <h1>tagcli serve</h1>
    <textarea id="text" placeholder="Type or paste text: one sentence per line.">The quick brown fox jumps over the lazy dog.</textarea>
    <div class="controls">
      <label>Model <select id="model"></select></label>
      <button id="tag">Tag</button>
      <span id="status"></span>
    </div>
    <div id="result"></div>
    <script>
    "use strict";
    const palette = { ADJ: "#e6194b", ADP: "#3cb44b", ADV: "#b8860b", AUX: "#4363d8",
      CCONJ: "#f58231", DET: "#911eb4", INTJ: "#42a5b3", NOUN: "#f032e6", NUM: "#6b8e23",
      PART: "#bc6c25", PRON: "#008080", PROPN: "#9a6324", PUNCT: "#808080", SCONJ: "#800000",
      SYM: "#5f9ea0", VERB: "#000075", X: "#a9a9a9" };
    function colour(tag) {
      if (palette[tag]) return palette[tag];
      let hash = 0;
      for (const c of tag) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
      return "hsl(" + (hash % 360) + ", 60%, 38%)";
    }
    const $ = (id) => document.getElementById(id);
    function setStatus(message, isError) {
      $("status").textContent = message;
      $("status").className = isError ? "error" : "";
    }
    async function loadModels() {
      const answer = await fetch("models");
      const body = await answer.json();
      for (const model of body.models) {
        const option = document.createElement("option");
        option.value = model.name;
        const heads = (model.heads || []).map((h) => h.name === "label" ? "label " + h.key : h.layer);
        option.textContent = model.name + " (" + heads.join(", ") + ")";
        $("model").appendChild(option);
      }
      $("model").value = body.default;
    }
    function tipText(top, key) {
      return (top || []).map((t) => t[key].padEnd(6) + " " + (100 * t.prob).toFixed(1) + " %")
        .join("\\n");
    }
    function render(sentences, labels) {
      const result = $("result");
      result.replaceChildren();
      sentences.forEach((sentence, index) => {
        const line = document.createElement("div");
        line.className = "sentence";
        const label = labels ? labels[index] : null;
        if (label) {
          const badge = document.createElement("span");
          badge.className = "label";
          badge.textContent = label.label;
          badge.style.borderColor = colour(label.label);
          badge.style.color = colour(label.label);
          const tip = document.createElement("span");
          tip.className = "tip";
          tip.textContent = tipText(label.top, "label");
          badge.title = tip.textContent;
          badge.appendChild(tip);
          line.appendChild(badge);
        }
        for (const token of sentence) {
          const box = document.createElement("span");
          box.className = "token";
          const word = document.createElement("span");
          word.className = "word";
          word.textContent = token.word;
          box.append(word);
          if (token.tag !== undefined) {
            const tag = document.createElement("span");
            tag.className = "tag";
            tag.textContent = token.tag;
            tag.style.background = colour(token.tag);
            const tip = document.createElement("span");
            tip.className = "tip";
            tip.textContent = tipText(token.top, "tag");
            box.title = tip.textContent;
            box.append(tag, tip);
          }
          line.appendChild(box);
        }
        result.appendChild(line);
      });
    }
    let pending = 0;
    async function tagText() {
      const text = $("text").value;
      if (!text.trim()) { $("result").replaceChildren(); setStatus(""); return; }
      const ticket = ++pending;
      const started = performance.now();
      try {
        const url = "tag?probs=true&top=3&model=" + encodeURIComponent($("model").value);
        const answer = await fetch(url, { method: "POST",
          headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text }) });
        const body = await answer.json();
        if (ticket !== pending) return;
        if (!answer.ok) { setStatus(answer.status + ": " + body.error, true); return; }
        render(body.sentences, body.labels);
        const words = body.sentences.reduce((n, s) => n + s.length, 0);
        setStatus(words + " words tagged by " + body.model + " in " +
          Math.round(performance.now() - started) + " ms");
        document.body.dataset.tagged = String(ticket);
      } catch (error) {
        if (ticket === pending) setStatus("request failed: " + error, true);
      }
    }
    let timer = 0;
    $("text").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(tagText, 250); });
    $("model").addEventListener("change", tagText);
    $("tag").addEventListener("click", tagText);
    loadModels().then(tagText, (error) => setStatus("cannot list models: " + error, true));
    </script>
    </body>
    </html>

    """
}
