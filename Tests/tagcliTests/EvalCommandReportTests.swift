import Foundation
import Tagger
import Testing

@testable import tagcli

/// The HTML report: its sections, escaping, and (opt-in) a rendering by headless Chromium.
@Suite struct EvalCommandReportTests {
  static func sampleScores() -> Scores {
    var evaluator = TagEvaluator(trainingForms: ["the", "dog"])
    evaluator.add(
      gold: ["DET", "NOUN", "VERB", "ADP", "DET", "NOUN"],
      predicted: ["DET", "NOUN", "NOUN", "ADP", "DET", "PROPN"],
      words: ["the", "dog", "runs", "in", "the", "<park>"])
    evaluator.add(
      gold: ["PROPN", "VERB", "ADJ"], predicted: ["PROPN", "VERB", "NOUN"],
      words: ["Rex", "is", "happy"])
    return evaluator.scores
  }

  static let sampleLog = (1...8).map {
    TrainingLogEntry(
      epoch: $0, trainLoss: 1.6 / Double($0), devAccuracy: 80 + 15 * (1 - 1 / Double($0)),
      seconds: 20, tokensPerSecond: 10_000)
  }

  @Test func aChunkerLogAddsTheSpanF1CurveAndColumn() {
    let log = Self.sampleLog.map { entry in
      var entry = entry
      entry.devSpanF1 = entry.devAccuracy - 10
      return entry
    }
    let curves = ReportHTML.learningCurves(log)
    #expect(curves.components(separatedBy: "<svg").count - 1 == 3, "loss, accuracy, span F1")
    #expect(curves.contains("dev span F1 (%)") && curves.contains(">dev span F1<"))
    #expect(curves.contains(">77.50<"), "epoch 2's span F1 in the table")
    // A run resumed from a checkpoint that logged no span F1: its first epochs are not drawn at 0.
    var resumed = log
    resumed[0].devSpanF1 = nil
    #expect(!ReportHTML.learningCurves(resumed).contains(">0.00<"), "no span F1 drawn as 0")
    let plain = ReportHTML.learningCurves(Self.sampleLog)
    #expect(!plain.contains("span F1"))
  }

  @Test func pageHasEverySectionAndEscapesWords() {
    let html = ReportHTML.page(
      scores: Self.sampleScores(), title: "a & b", trainingLog: Self.sampleLog)
    for heading in [
      "Per-tag F1", "Seen and unseen words", "Confusion matrix", "Most frequent confusions",
      "Learning curves",
    ] {
      #expect(html.contains(heading), "missing \(heading)")
    }
    #expect(html.contains("<title>a &amp; b</title>"))
    #expect(html.contains("&lt;park&gt;") && !html.contains("<park>"))
    #expect(
      html.components(separatedBy: "<svg").count - 1 == 5, "bars, seen/unseen, heat map, 2 curves")
    #expect(html.contains("<polyline"))
  }

  @Test func learningCurvesAndSeenUnseenAreLeftOutWithoutData() {
    var evaluator = TagEvaluator()
    evaluator.add(gold: ["A"], predicted: ["A"], words: ["x"])
    let html = ReportHTML.page(scores: evaluator.scores, title: "t", trainingLog: [])
    #expect(!html.contains("Learning curves") && !html.contains("Seen and unseen"))
    #expect(!html.contains("Most frequent confusions"))
  }

  @Test func heatMapShadesByShareOfTheGoldRow() {
    let matrix = ConfusionMatrix(labels: ["A", "B"], counts: [[3, 1], [0, 4]])
    let svg = ReportSVG.heatMap(matrix)
    #expect(svg.contains("<title>A → B: 1</title>"))
    #expect(svg.contains("rgba(43,108,176,1.000)"), "B → B is the whole row")
    #expect(svg.contains("rgba(200,60,50,0.560)"), "A → B is a quarter: 0.12 + 0.88 · 0.5")
  }

  static var chromium: String? {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  @Test(
    .enabled(
      if: ProcessInfo.processInfo.environment["TAGGER_LONG_TESTS"] != nil,
      "opt-in: set TAGGER_LONG_TESTS=1 (needs chromium)"))
  func headlessChromiumRendersTheReport() throws {
    let chromium = try #require(
      Self.chromium, "chromium is not installed (apt-get install -y chromium)")
    let directory = try EvaluationFixtures.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let page = directory.appendingPathComponent("report.html")
    let screenshot = directory.appendingPathComponent("report.png")
    let html = ReportHTML.page(
      scores: Self.sampleScores(), title: "sample", trainingLog: Self.sampleLog)
    try Data(html.utf8).write(to: page)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
      "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
      "--window-size=1100,2200", "--screenshot=\(screenshot.path)", page.absoluteString,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let png = try Data(contentsOf: screenshot)
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG file")
    #expect(png.count > 20_000, "a blank page compresses to a few kB; charts make it larger")
  }
}
