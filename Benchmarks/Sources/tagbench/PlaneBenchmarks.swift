import Foundation

/// The accuracy × speed plane as a user sees it: for each shipped model (`models/*.tagger`), the
/// EWT test accuracy from `tagcli eval`, and the whole-process tokens/s of `tagcli tag
/// --pretokenized` on 8 copies of the EWT test text (model load included), batched with 1 and
/// with all threads, and one sentence at a time (`--batch-size 1`).
///
/// Runs the release `tagcli` of the checkout (`swift build -c release --product tagcli` first);
/// needs `../shared/data/ud/en_ewt`.
func runPlaneBenchmarks() throws {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  let tagcli = root.appendingPathComponent(".build/release/tagcli").path
  guard FileManager.default.isExecutableFile(atPath: tagcli) else {
    print("plane: skipped, build the release tagcli first (swift build -c release --product tagcli)")
    return
  }
  guard let shared = sharedDataPath() else {
    print("plane: skipped, ../shared/data (UD English EWT) is missing")
    return
  }
  let test = shared + "/ud/en_ewt/en_ewt-ud-test.conllu"
  let (text, tokens) = try pretokenizedText(ofCoNLLU: test)
  let copies = 8
  let input = FileManager.default.temporaryDirectory
    .appendingPathComponent("tagbench-plane-\(getpid()).txt")
  try String(repeating: text, count: copies).write(to: input, atomically: true, encoding: .utf8)
  defer { try? FileManager.default.removeItem(at: input) }
  let models = try FileManager.default.contentsOfDirectory(atPath: root.path + "/models")
    .filter { $0.hasSuffix(".tagger") }.sorted()
  let cores = ProcessInfo.processInfo.activeProcessorCount
  for model in models {
    let path = root.path + "/models/" + model
    let scores = try runProcess(tagcli, ["eval", test, "-m", path, "--json"])
    let accuracy =
      (try JSONSerialization.jsonObject(with: Data(scores.utf8)) as? [String: Any])?["accuracy"]
      as? Double ?? .nan
    print("\(model): EWT test accuracy \(String(format: "%.2f", accuracy)) %")
    let cases: [(String, [String])] = [
      ("batched, 1 thread", ["--threads", "1"]),
      ("batched, \(cores) threads", ["--threads", "\(cores)"]),
      ("one sentence at a time, 1 thread", ["--threads", "1", "--batch-size", "1"]),
    ]
    for (name, options) in cases {
      let seconds = try medianSeconds(runs: 3) {
        _ = try runProcess(tagcli, ["tag", "-m", path, "--pretokenized"] + options + [input.path])
      }
      report(
        "  \(name)", size: "\(tokens * copies) tokens", seconds: seconds,
        throughput: String(format: "%.0f tokens/s", Double(tokens * copies) / seconds))
    }
  }
}

/// One line of space-separated forms per sentence of a CoNLL-U file, and the word count.
private func pretokenizedText(ofCoNLLU path: String) throws -> (text: String, tokens: Int) {
  var lines: [String] = []
  var words: [Substring] = []
  var tokens = 0
  for line in try String(contentsOfFile: path, encoding: .utf8).split(
    separator: "\n", omittingEmptySubsequences: false)
  {
    if line.isEmpty {
      if !words.isEmpty { lines.append(words.joined(separator: " ")) }
      tokens += words.count
      words.removeAll()
      continue
    }
    if line.hasPrefix("#") { continue }
    let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
    guard columns.count > 1, !columns[0].contains("-"), !columns[0].contains(".") else { continue }
    words.append(columns[1])
  }
  if !words.isEmpty { lines.append(words.joined(separator: " ")) }
  return (lines.joined(separator: "\n") + "\n", tokens + words.count)
}

/// Runs `executable` with `arguments`; returns its standard output, throwing on failure.
private func runProcess(_ executable: String, _ arguments: [String]) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  let output = Pipe()
  process.standardOutput = output
  process.standardError = FileHandle.nullDevice
  try process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    throw CocoaError(.executableLoad, userInfo: ["command": ([executable] + arguments).joined(separator: " ")])
  }
  return String(decoding: data, as: UTF8.self)
}
