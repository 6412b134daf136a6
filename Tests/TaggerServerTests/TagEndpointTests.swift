import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import Tagger
@testable import TaggerServer

/// `POST /tag` through the router: the answer shapes, the options, and each client error.
@Suite struct TagEndpointTests {
  typealias Support = ServerTestSupport

  @Test func sentencesGetWordsAndTags() async throws {
    try await Support.withServer { client in
      let answer = try await Support.post(client, "/tag", #"{"sentences": [["The", "dog"]]}"#)
      #expect(answer.status == 200)
      #expect(answer.headers[.contentType] == "application/json")
      #expect(
        answer.body
          == #"{"model":"en_ewt-upos","sentences":[[{"word":"The","tag":"DET"},{"word":"dog","tag":"NOUN"}]]}"#
          + "\n")
    }
  }

  @Test func probabilitiesAndTopTagsWhenAsked() async throws {
    try await Support.withServer { client in
      let answer = try await Support.post(
        client, "/tag?probs=true&top=3&model=second", #"{"text": "I saw her."}"#)
      #expect(answer.status == 200)
      let object = try Support.object(answer.body)
      #expect(object["model"] as? String == "second")
      let words = try #require((object["sentences"] as? [[[String: Any]]])?.first)
      #expect(words.map { $0["word"] as? String } == ["I", "saw", "her", "."])
      for word in words {
        let prob = try #require(word["prob"] as? Double)
        let top = try #require(word["top"] as? [[String: Any]])
        #expect(top.count == 3)
        #expect(top[0]["tag"] as? String == word["tag"] as? String)
        #expect(top[0]["prob"] as? Double == prob)
        #expect(prob > 0 && prob <= 1)
      }
    }
  }

  @Test func textIsOneSentencePerLineTokenizedLikeTag() async throws {
    try await Support.withServer { client in
      let answer = try await Support.post(
        client, "/tag", #"{"text": "The children can't find their red ball.\r\nGo!\n"}"#)
      #expect(
        try Support.tags(answer.body) == [
          ["DET", "NOUN", "AUX", "PART", "VERB", "PRON", "ADJ", "NOUN", "PUNCT"],
          ["VERB", "PUNCT"],
        ])
    }
  }

  @Test func conlluInFillsTheTagLayerAndKeepsTheRest() async throws {
    let conllu = """
      # sent_id = s1
      1\tThe\tthe\t_\tDT\t_\t2\tdet\t_\t_
      2\tdog\tdog\t_\tNN\t_\t0\troot\t_\tSpaceAfter=No

      """
    try await Support.withServer { client in
      let answer = try await Support.post(client, "/tag", conllu, contentType: "text/x-conllu")
      #expect(answer.status == 200)
      #expect(answer.headers[.contentType] == "text/x-conllu; charset=utf-8")
      #expect(
        answer.body == """
          # sent_id = s1
          1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
          2\tdog\tdog\tNOUN\tNN\t_\t0\troot\t_\tSpaceAfter=No


          """)
      let json = try await Support.post(
        client, "/tag?output=json", conllu, contentType: "text/x-conllu")
      #expect(try Support.tags(json.body) == [["DET", "NOUN"]])
      let refused = try await Support.post(
        client, "/tag?probs=true", conllu, contentType: "text/x-conllu")
      #expect(refused.status == 400)
      #expect(refused.body.contains("output=json"))
    }
  }

  @Test func wordTagAndCoNLLUOutputsForWords() async throws {
    try await Support.withServer { client in
      let body = #"{"sentences": [["The", "dog"], ["I", "ran", "a/b"]]}"#
      let tags = try Support.tags(try await Support.post(client, "/tag", body).body)
      let wordtag = try await Support.post(client, "/tag?output=wordtag", body)
      #expect(
        wordtag.body
          == "The/\(tags[0][0]) dog/\(tags[0][1])\nI/\(tags[1][0]) ran/\(tags[1][1]) a\\/b/\(tags[1][2])\n"
      )
      #expect(wordtag.headers[.contentType] == "text/plain; charset=utf-8")
      let conllu = try await Support.post(
        client, "/tag?output=conllu&probs=true", #"{"sentences": [["The", "dog"]]}"#)
      let lines = conllu.body.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(lines.first == "# text = The dog")
      #expect(lines[1].hasPrefix("1\tThe\t_\tDET\t_\t_\t_\t_\t_\tProb="))
      #expect(conllu.body.hasSuffix("\n\n"))
    }
  }

  /// Replacement characters would tag other words than the client sent.
  @Test(arguments: ["text/plain", "text/x-conllu", "application/json"])
  func aBodyThatIsNotUTF8Gets400(contentType: String) async throws {
    try await Support.withServer { client in
      let body: [UInt8] =
        contentType == "application/json"
        ? [UInt8](#"{"text": "caf"#.utf8) + [0xE9, 0x22, 0x7D]
        : contentType == "text/plain"
          ? [UInt8]("caf".utf8) + [0xE9, 0x0A]
          : [UInt8]("1\tcaf".utf8) + [0xE9] + [UInt8]("\t_\t_\t_\t_\t_\t_\t_\t_\n\n".utf8)
      let status = try await client.execute(
        uri: "/tag", method: .post, headers: [.contentType: contentType],
        body: ByteBuffer(bytes: body)
      ) { response in
        (response.status.code, String(buffer: response.body))
      }
      #expect(status.0 == 400)
      let offset = contentType == "application/json" ? 13 : contentType == "text/plain" ? 3 : 5
      #expect(
        status.1.contains("body: not valid UTF-8 (byte 0xE9 at offset \(offset)); send UTF-8 text"),
        "\(status.1)")
    }
  }

  /// UTF-16 text sent as is is valid UTF-8 with a NUL in every other byte: refused, not tagged.
  @Test func aUTF16BodyGets400() async throws {
    try await Support.withServer { client in
      let body = "The dog\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
      let status = try await client.execute(
        uri: "/tag", method: .post, headers: [.contentType: "text/plain"],
        body: ByteBuffer(bytes: body)
      ) { response in
        (response.status.code, String(buffer: response.body))
      }
      #expect(status.0 == 400)
      #expect(status.1.contains("body: a NUL byte at offset 1; send UTF-8 text"), "\(status.1)")
    }
  }

  /// A `\r` that ends no line in a `text/plain` body: the message names the body (there is no
  /// `text` field), as a JSON body's names its `text` field.
  @Test func aStrayCarriageReturnInAPlainBodyNamesTheBody() async throws {
    try await Support.withServer { client in
      let status = try await client.execute(
        uri: "/tag", method: .post, headers: [.contentType: "text/plain"],
        body: ByteBuffer(string: "The dog\nRun\r!\n")
      ) { response in
        (response.status.code, String(buffer: response.body))
      }
      #expect(status.0 == 400)
      #expect(status.1.contains(#"body: line 2 holds a carriage return (\\r)"#), "\(status.1)")
    }
  }

  @Test func aWordCoNLLUCannotHoldGets400AndJSONStillAnswers() async throws {
    try await Support.withServer { client in
      let body = #"{"sentences": [["The", "dog"], ["a\tb", "ran"]]}"#
      let refused = try await Support.post(client, "/tag?output=conllu", body)
      #expect(refused.status == 400)
      let message = try #require(try Support.object(refused.body)["error"] as? String)
      #expect(
        message
          == "output=conllu: the form of token 1 holds a tab, "
          + "which a CoNLL-U field cannot hold (JSON Lines and XML can): \"a\\tb\"")
      let lineBreak = try await Support.post(
        client, "/tag?output=wordtag", #"{"sentences": [["a\nb"]]}"#)
      #expect(lineBreak.status == 200)
      #expect(lineBreak.body.hasPrefix("a_b/"))
      let json = try await Support.post(client, "/tag", body)
      #expect(json.status == 200)
      #expect(try Support.tags(json.body).map(\.count) == [2, 2])
    }
  }

  @Test(arguments: [
    (#"{"sentences": [["The", 3]]}"#, "sentences[0][1]"),
    (#"{"sentences": "The dog"}"#, "sentences:"),
    (#"{"text": 5}"#, "text:"),
    (#"{"txt": "hello"}"#, "txt:"),
    (#"{}"#, "missing field"),
    (#"{"text": "a", "sentences": [["a"]]}"#, "not both"),
    (#"{"text": "The dog", "text": "Run !"}"#, "text: the field appears twice"),
    (#"{"text": "The dog\rRun !\r"}"#, #"text: line 1 holds a carriage return (\r)"#),
    (#"{"text": "#, "not valid JSON"),
    (#"["The", "dog"]"#, "JSON object"),
    (#"{"text": ""}"#, "no sentences"),
    (#"{"text": "\n\n"}"#, "no words to tag"),
    (#"{"sentences": [[]]}"#, "no words to tag"),
  ])
  func badBodiesGet400NamingTheField(body: String, expected: String) async throws {
    try await Support.withServer { client in
      let answer = try await Support.post(client, "/tag", body)
      #expect(answer.status == 400)
      let message = try #require(try Support.object(answer.body)["error"] as? String)
      #expect(message.contains(expected), "\(message)")
    }
  }

  @Test func badQueryParametersGet400() async throws {
    try await Support.withServer { client in
      for (uri, expected) in [
        ("/tag?top=0", "top:"), ("/tag?output=xml", "output:"), ("/tag?prob=true", #"\"prob\""#),
        ("/tag?probs=maybe", "probs:"),
      ] {
        let answer = try await Support.post(client, uri, #"{"text": "Hi"}"#)
        #expect(answer.status == 400)
        #expect(answer.body.contains(expected), "\(uri): \(answer.body)")
      }
    }
  }

  @Test func otherMethodsOnTagGet405AllowingPost() async throws {
    try await Support.withServer { client in
      for method: HTTPRequest.Method in [.get, .put, .delete] {
        try await client.execute(uri: "/tag", method: method) { response in
          #expect(response.status.code == 405)
          #expect(response.headers[.allow] == "POST")
          #expect(String(buffer: response.body).contains("takes POST"))
        }
      }
    }
  }

  @Test func anUnknownModelGets404ListingTheNames() async throws {
    try await Support.withServer { client in
      let answer = try await Support.post(client, "/tag?model=fr", #"{"text": "Salut"}"#)
      #expect(answer.status == 404)
      #expect(answer.body.contains("\\\"en_ewt-upos\\\", \\\"second\\\""), "\(answer.body)")
    }
  }

  @Test func tooLargeBodiesAndTooManyTokensGet413() async throws {
    try await Support.withServer(configure: {
      $0.maxBodyBytes = 100
      $0.maxTokensPerRequest = 5
    }) { client in
      let large = try await Support.post(
        client, "/tag", #"{"text": "\#(String(repeating: "a ", count: 100))"}"#)
      #expect(large.status == 413)
      #expect(large.body.contains("100 bytes"))
      let many = try await Support.post(client, "/tag", #"{"text": "a b c d e f"}"#)
      #expect(many.status == 413)
      #expect(many.body.contains("6 tokens"))
    }
  }

  /// With one batcher and with several (`serve --batchers`, tagging side by side on one
  /// thread each, or with the direction pairs when alone), every request gets its own answer,
  /// the one it gets alone.
  @Test(arguments: [1, 2, 3])
  func concurrentRequestsEachGetTheirOwnAnswer(batchers: Int) async throws {
    let sentences = [
      ["The", "dog", "barked", "."], ["I", "like", "green", "tea"], ["Run", "!"],
      ["She", "gave", "him", "a", "book", "yesterday", "."], ["Where", "is", "it", "?"],
    ]
    try await Support.withServer(configure: {
      $0.batchWindow = .milliseconds(20)
      $0.batchers = batchers
    }) { client in
      var alone: [[String]] = []
      for sentence in sentences {
        let body = #"{"sentences": [\#(Self.jsonArray(sentence))]}"#
        alone.append(try Support.tags(try await Support.post(client, "/tag", body).body)[0])
      }
      let expected = alone
      try await withThrowingTaskGroup(of: Void.self) { group in
        for request in 0..<60 {
          group.addTask {
            let picked = [request % 5, (request / 5) % 5, (request + 2) % 5]
            let body =
              #"{"sentences": ["#
              + picked.map { Self.jsonArray(sentences[$0]) }.joined(separator: ",")
              + "]}"
            let answer = try await Support.post(client, "/tag", body)
            #expect(answer.status == 200)
            #expect(try Support.tags(answer.body) == picked.map { expected[$0] })
          }
        }
        try await group.waitForAll()
      }
    }
  }

  static func jsonArray(_ words: [String]) -> String {
    "[" + words.map { "\"\($0)\"" }.joined(separator: ",") + "]"
  }
}

/// `--threads 2` cuts a batch into groups tagged at once; the answers must be the one-thread
/// ones, sentence by sentence and in order.
@Suite struct ServerTaggingThreadsTests {
  @Test func twoThreadsTagLikeOne() throws {
    let model = try ServerTestSupport.loadModel(ServerTestSupport.modelPath)
    let sentences = [
      ["The", "dog", "barks", "."], ["Go", "!"], ["I", "saw", "her", "duck", "yesterday", "."],
      ["Yes"], ["They", "can", "fish", "in", "the", "river", "near", "the", "old", "mill", "."],
      ["Where", "is", "it", "?"], ["A"],
    ]
    let inputs = sentences.map { TaggerInput(words: $0) }
    let one = TaggerServer.tag(inputs, with: model, topK: 3, sentencesPerBatch: 64, threads: 1)
    for threads in [2, 3, 8] {
      let many = TaggerServer.tag(
        inputs, with: model, topK: 3, sentencesPerBatch: 64, threads: threads)
      // Tags equal; probabilities equal up to rounding, since a sentence's batch companions
      // change the BLAS blocking (as micro-batching already does with one thread).
      #expect(many.map { $0.map(\.tag) } == one.map { $0.map(\.tag) }, "threads \(threads)")
      for (a, b) in zip(many.joined(), one.joined()) {
        #expect(abs(a.probability - b.probability) < 1e-5)
        #expect(a.alternatives.map(\.tag) == b.alternatives.map(\.tag))
      }
    }
    #expect(one.map(\.count) == sentences.map(\.count))
  }
}
