import Foundation
import Testing

@testable import tagcli

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `tagcli serve` as a process: it prints where it listens, answers, and on SIGTERM finishes the
/// requests in flight before exiting 0.
@Suite struct ServeCommandTests {
  @Test func parsesModelsAndRefusesDuplicateNames() throws {
    #expect(throws: (any Error).self) {
      _ = try TagCLI.parseAsRoot(["serve", "-m", "a/x.tagger", "-m", "b/x.tagger"])
    }
    #expect(throws: (any Error).self) { _ = try TagCLI.parseAsRoot(["serve", "--port", "70000"]) }
    let command = try #require(
      try TagCLI.parseAsRoot(["serve", "-m", "a/x.tagger", "-m", "y=b/x.tagger"]) as? ServeCommand)
    #expect(command.models == ["a/x.tagger", "y=b/x.tagger"])
  }

  /// One batcher per core unless `--threads` asks for threads per batch; the two together, or
  /// a count out of range, are refused.
  @Test func batchersDefaultToTheCoresAndRefuseThreadsBeside() throws {
    let plain = try #require(try TagCLI.parseAsRoot(["serve", "-m", "x.tagger"]) as? ServeCommand)
    #expect(plain.batcherCount == max(1, ProcessInfo.processInfo.activeProcessorCount))
    let threaded = try #require(
      try TagCLI.parseAsRoot(["serve", "-m", "x.tagger", "--threads", "2"]) as? ServeCommand)
    #expect(threaded.batcherCount == 1)
    for (flags, message) in [
      (["--threads", "2", "--batchers", "2"], "give one of them"),
      (["--batchers", "0"], "--batchers must be at least 1"),
      (["--batchers", "100000"], "--batchers must be 1 to 256"),
    ] {
      #expect {
        _ = try TagCLI.parseAsRoot(["serve", "-m", "x.tagger"] + flags)
      } throws: { error in
        TagCLI.message(for: error).contains(message)
      }
    }
  }

  /// `--read-timeout inf` crashed the server at start (the timer's nanoseconds overflowed).
  @Test(arguments: [
    ["--read-timeout", "inf"], ["--read-timeout", "1e300"], ["--idle-timeout", "nan"],
    ["--idle-timeout", "0"], ["--read-timeout", "86401"],
  ])
  func timeoutsOutsideADayAreRefused(flags: [String]) {
    #expect {
      _ = try TagCLI.parseAsRoot(["serve", "-m", "x.tagger"] + flags)
    } throws: { error in
      TagCLI.message(for: error).contains("must be seconds from 0.001 to 86400 (a day)")
    }
  }

  @Test func sigtermDrainsTheRequestsInFlight() async throws {
    let process = Process()
    process.executableURL = try CorpusCommandSupport.tagcliURL()
    process.arguments = [
      "serve", "-m", ShippedModelTests.modelPath, "--port", "0", "--batch-window-ms", "1000",
    ]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { process.terminate() } }
    let line = try #require(
      CorpusCommandSupport.readLine(from: output.fileHandleForReading, timeout: 60))
    let base = try #require(line.split(separator: " ").first { $0.hasPrefix("http://") })
    let url = try #require(URL(string: base + "tag"))
    // The 1 s batching window holds these requests in the queue (seen at /health) when SIGTERM
    // arrives.
    let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
      for index in 0..<8 {
        group.addTask {
          var request = URLRequest(url: url)
          request.httpMethod = "POST"
          request.setValue("application/json", forHTTPHeaderField: "Content-Type")
          request.httpBody = Data(#"{"sentences": [["Request", "\#(index)"]]}"#.utf8)
          let (_, response) = try await URLSession.shared.data(for: request)
          return (response as? HTTPURLResponse)?.statusCode ?? 0
        }
      }
      let health = try #require(URL(string: base + "health"))
      for _ in 0..<200 {
        let (body, _) = try await URLSession.shared.data(from: health)
        if String(decoding: body, as: UTF8.self).contains(#""queued":8"#) { break }
        try await Task.sleep(for: .milliseconds(5))
      }
      kill(process.processIdentifier, SIGTERM)
      return try await group.reduce(into: []) { $0.append($1) }
    }
    process.waitUntilExit()
    #expect(statuses == Array(repeating: 200, count: 8))
    #expect(process.terminationStatus == 0)
  }
}
