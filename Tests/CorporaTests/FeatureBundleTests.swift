import Testing

@testable import Corpora

/// The shape of CoNLL-U FEATS values, and the line an error names.
@Suite struct FeatureBundleTests {
  @Test(arguments: [
    "_", "Number=Sing", "Case=Nom|Number=Plur", "PronType=Int,Rel", "Number[psor]=Sing",
    "Evident=Nfh|Person[psor]=3", "NumType=Card|NumForm=Digit",
  ])
  func wellFormedBundlesPass(value: String) {
    #expect(FeatureBundle.problem(in: value) == nil)
  }

  @Test(arguments: [
    "", "Number", "Number:Sing", "Number=", "=Sing", "Case=Nom||Number=Plur", "Case=Nom|",
    "Number=Sing=Plur", "PronType=Int,", "Case=Nom Acc", "|Case=Nom",
  ])
  func malformedBundlesSayWhy(value: String) {
    #expect(FeatureBundle.problem(in: value) != nil, "\(value)")
  }

  @Test func theErrorNamesTheTokensLine() throws {
    let text = """
      # sent_id = 1
      # text = it's ok
      1-2\tit's\t_\t_\t_\t_\t_\t_\t_\t_
      1\tit\tit\tPRON\tPRP\tCase=Nom\t3\tnsubj\t_\t_
      2\t's\tbe\tAUX\tVBZ\tMood:Ind\t3\tcop\t_\t_
      3\tok\tok\tADJ\tJJ\tDegree=Pos\t0\troot\t_\t_

      """
    var reader = CoNLLUReader(text: text, name: "t.conllu")
    let sentence = try #require(try reader.next())
    #expect(sentence.lineOfToken(1) == 5)
    let error = try #require(throws: CorpusError.self) {
      try FeatureBundle.check(sentence, file: "t.conllu")
    }
    #expect(error.description.hasPrefix("t.conllu:5: FEATS must be Key=Value"), "\(error)")
    #expect(error.description.contains("Mood:Ind"))
  }
}
