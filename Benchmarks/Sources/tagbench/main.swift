import Foundation

// Each suite prints one line per case: name, size, median of N runs, throughput.
// Arguments select suites by name prefix; none runs them all.
let suites: [(name: String, run: () throws -> Void)] = [
  ("conllu", runCoNLLUBenchmarks),
  ("optimizer", runOptimizerBenchmarks),
  ("tagger", runTaggerBenchmarks),
  ("columns", runColumnBenchmarks),
  ("recurrent", runRecurrentBenchmarks),
  ("xml", runXMLBenchmarks),
  ("decoding", runDecodingBenchmarks),
  ("lm", runLanguageModelBenchmarks),
  ("plane", runPlaneBenchmarks),
]

let selected = CommandLine.arguments.dropFirst()
for suite in suites where selected.isEmpty || selected.contains(where: { suite.name.hasPrefix($0) })
{
  try suite.run()
}
