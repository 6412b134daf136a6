import Foundation

/// Lemmas from what training showed: the lemma of each (form, tag) pair seen, and, per tag,
/// whether the lemma is the word itself (numbers, proper names, punctuation).
///
/// A word is answered, in order:
/// 1. **dictionary**: its (form, tag) pair was seen in training: the lemma seen most often with
///    its full tag (the model's other layers, XPOS and FEATS: `her` as `PRON PRP$` is `her`, as
///    `PRON PRP` is `she`) when that full tag was seen with the pair, else with the pair;
/// 2. **copy**: its tag is one whose training lemmas equal the form at least `copyShare` of the
///    time (PROPN, NUM, PUNCT in English), and its full tag is not one of that tag's that copy
///    less often (`nonCopyingFullTags`: PROPN as NNPS, `Zionists` → `Zionist`): the form itself;
/// 3. **dictionary**: its lowercased form was seen with the tag (`The` → `the`);
/// 4. **rule**: the longest ending of the word (up to `SuffixRules.maxSuffixLength` characters)
///    that ends training words of the tag gives the edit most of them take (`-ies` → `-y`:
///    `ponies` → `pony`), learned from the distinct entries, so no more is stored; the result is
///    lowercased for the tags of rule 5;
/// 5. **fallback**: the form, lowercased when the tag's training lemmas are more often the
///    lowercased form than the form as written.
///
/// A model with a lemma decoder (`LemmaDecoderHead`) asks it instead of rules 4 and 5.
///
/// The tag is the word's predicted tag in the model's first layer (UPOS).
public struct LemmaDictionary: Sendable, Equatable, Codable {
  /// Which rule answered a word.
  public enum Source: String, Sendable, CaseIterable, Codable {
    case dictionary, copy, rule, fallback
    /// The model's lemma decoder (`LemmaEncoderDecoder`), which answers the words rules 4 and 5
    /// would answer when the model has one.
    case decoder
  }

  /// `[form, tag, lemma]` for every pair seen, sorted: the stored form.
  public let entries: [[String]]
  /// The tags whose unknown words copy their form.
  public let copyTags: Set<String>
  /// The tags whose unknown words are lowercased when no rule answers.
  public let lowercasingTags: Set<String>
  /// `[form, tag, detail, lemma]` where the lemma seen most often with the full tag (`detail`,
  /// the other layers' tags) differs from the pair's in `entries`, sorted; empty for models
  /// without other layers and for those written before it was learned.
  public let refinements: [[String]]
  /// `[tag, detail]` for each full tag of a copying tag that was seen at least
  /// `minimumFullTagCount` times in training and whose lemmas equal the form less than
  /// `copyShare` of the time (English PROPN as NNPS: 13 %, against 96 % as NNP), sorted; its
  /// words are not copied. Empty for models without other layers and for those written before
  /// it was learned.
  public let nonCopyingFullTags: [[String]]

  private let nonCopying: Set<String>
  private let exact: [String: String]
  private let refined: [String: String]
  private let lowercased: [String: String]
  private let rules: SuffixRules

  /// The share of a tag's training tokens whose lemma must equal the form for the tag to copy.
  public static let copyShare = 0.9
  /// The training tokens a full tag needs before it can overrule its tag's copying.
  public static let minimumFullTagCount = 10

  enum CodingKeys: String, CodingKey {
    case entries, copyTags, lowercasingTags, refinements, nonCopyingFullTags
  }

  /// Learns from training words, their tags (first layer) and their gold lemmas.
  public init<S: Sequence>(training: S)
  where S.Element == (form: String, tag: String, lemma: String) {
    self.init(trainingWithDetails: training.lazy.map { ($0.form, $0.tag, "", $0.lemma) })
  }

  /// Learns from training words, their tags (first layer), their full tags (`detail`: the other
  /// layers' tags, `fullTag(_:)`; empty without other layers) and their gold lemmas.
  public init<S: Sequence>(trainingWithDetails training: S)
  where S.Element == (form: String, tag: String, detail: String, lemma: String) {
    // Keys are [form, tag] and [form, tag, detail]: arrays, so no text can split them wrongly.
    var counts: [[String]: [String: Int]] = [:]
    var detailedCounts: [[String]: [String: Int]] = [:]
    var identity: [String: (same: Int, lower: Int, total: Int)] = [:]
    var fullTagIdentity: [[String]: (same: Int, total: Int)] = [:]
    for (form, tag, detail, lemma) in training {
      counts[[form, tag], default: [:]][lemma, default: 0] += 1
      if !detail.isEmpty {
        detailedCounts[[form, tag, detail], default: [:]][lemma, default: 0] += 1
        var tally = fullTagIdentity[[tag, detail]] ?? (0, 0)
        tally.total += 1
        if lemma == form { tally.same += 1 }
        fullTagIdentity[[tag, detail]] = tally
      }
      var tally = identity[tag] ?? (0, 0, 0)
      tally.total += 1
      if lemma == form { tally.same += 1 }
      if lemma == form.lowercased() { tally.lower += 1 }
      identity[tag] = tally
    }
    func mostFrequent(_ lemmas: [String: Int]) -> String {
      lemmas.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
    }
    let entries = counts.map { key, lemmas in key + [mostFrequent(lemmas)] }
      .sorted { $0.lexicographicallyPrecedes($1) }
    let refinements = detailedCounts.compactMap { key, lemmas -> [String]? in
      let lemma = mostFrequent(lemmas)
      guard let pair = counts[Array(key.prefix(2))], lemma != mostFrequent(pair) else { return nil }
      return key + [lemma]
    }.sorted { $0.lexicographicallyPrecedes($1) }
    func copies(_ tally: (same: Int, total: Int)) -> Bool {
      Double(tally.same) >= Self.copyShare * Double(tally.total)
    }
    let copyTags = Set(identity.filter { copies(($0.value.same, $0.value.total)) }.keys)
    let nonCopyingFullTags = fullTagIdentity.filter { key, tally in
      copyTags.contains(key[0]) && tally.total >= Self.minimumFullTagCount && !copies(tally)
    }.keys.sorted { $0.lexicographicallyPrecedes($1) }
    self.init(
      entries: entries, copyTags: copyTags,
      lowercasingTags: Set(identity.filter { $0.value.lower > $0.value.same }.keys),
      refinements: refinements, nonCopyingFullTags: nonCopyingFullTags)
  }

  /// A dictionary from its stored parts.
  public init(
    entries: [[String]], copyTags: Set<String>, lowercasingTags: Set<String>,
    refinements: [[String]] = [], nonCopyingFullTags: [[String]] = []
  ) {
    self.entries = entries
    self.copyTags = copyTags
    self.lowercasingTags = lowercasingTags
    self.refinements = refinements
    self.nonCopyingFullTags = nonCopyingFullTags
    nonCopying = Set(
      nonCopyingFullTags.lazy.filter { $0.count == 2 }.map { Self.key($0[0], $0[1]) })
    var refined: [String: String] = [:]
    for refinement in refinements where refinement.count == 4 {
      refined[Self.key(refinement[0], refinement[1], refinement[2])] = refinement[3]
    }
    self.refined = refined
    var exact: [String: String] = [:]
    var lowercased: [String: String] = [:]
    for entry in entries where entry.count == 3 {
      exact[Self.key(entry[0], entry[1])] = entry[2]
      let lowerKey = Self.key(entry[0].lowercased(), entry[1])
      if entry[0] == entry[0].lowercased() || lowercased[lowerKey] == nil {
        lowercased[lowerKey] = entry[2]
      }
    }
    self.exact = exact
    self.lowercased = lowercased
    rules = SuffixRules(entries: entries)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let entries = try container.decode([[String]].self, forKey: .entries)
    guard entries.allSatisfy({ $0.count == 3 }) else {
      throw DecodingError.dataCorruptedError(
        forKey: .entries, in: container, debugDescription: "an entry is not [form, tag, lemma]")
    }
    // Absent in models written before full tags refined the dictionary.
    let refinements = try container.decodeIfPresent([[String]].self, forKey: .refinements) ?? []
    guard refinements.allSatisfy({ $0.count == 4 }) else {
      throw DecodingError.dataCorruptedError(
        forKey: .refinements, in: container,
        debugDescription: "a refinement is not [form, tag, detail, lemma]")
    }
    // Absent in models written before full tags could overrule copying.
    let nonCopyingFullTags =
      try container.decodeIfPresent([[String]].self, forKey: .nonCopyingFullTags) ?? []
    guard nonCopyingFullTags.allSatisfy({ $0.count == 2 }) else {
      throw DecodingError.dataCorruptedError(
        forKey: .nonCopyingFullTags, in: container,
        debugDescription: "a non-copying full tag is not [tag, detail]")
    }
    self.init(
      entries: entries, copyTags: try container.decode(Set<String>.self, forKey: .copyTags),
      lowercasingTags: try container.decode(Set<String>.self, forKey: .lowercasingTags),
      refinements: refinements, nonCopyingFullTags: nonCopyingFullTags)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(entries, forKey: .entries)
    try container.encode(copyTags.sorted(), forKey: .copyTags)
    try container.encode(lowercasingTags.sorted(), forKey: .lowercasingTags)
    if !refinements.isEmpty { try container.encode(refinements, forKey: .refinements) }
    if !nonCopyingFullTags.isEmpty {
      try container.encode(nonCopyingFullTags, forKey: .nonCopyingFullTags)
    }
  }

  public static func == (lhs: LemmaDictionary, rhs: LemmaDictionary) -> Bool {
    lhs.entries == rhs.entries && lhs.copyTags == rhs.copyTags
      && lhs.lowercasingTags == rhs.lowercasingTags && lhs.refinements == rhs.refinements
      && lhs.nonCopyingFullTags == rhs.nonCopyingFullTags
  }

  /// The full tag that refines a word's entry: its tags in the model's other layers (XPOS,
  /// FEATS), in layer order; empty without other layers.
  public static func fullTag(_ layerTags: some Sequence<String>) -> String {
    layerTags.joined(separator: "\u{2}")
  }

  /// The lemma of `form` tagged `tag` (with the full tag `detail`, `fullTag(_:)`, when the model
  /// has other layers), and the rule that gave it.
  public func lemma(of form: String, tag: String, detail: String = "") -> (
    lemma: String, source: Source
  ) {
    if !detail.isEmpty, let lemma = refined[Self.key(form, tag, detail)] {
      return (lemma, .dictionary)
    }
    if let lemma = exact[Self.key(form, tag)] { return (lemma, .dictionary) }
    if copyTags.contains(tag), detail.isEmpty || !nonCopying.contains(Self.key(tag, detail)) {
      return (form, .copy)
    }
    let lower = form.lowercased()
    if let lemma = lowercased[Self.key(lower, tag)] { return (lemma, .dictionary) }
    if let lemma = rules.lemma(of: form, tag: tag, lowercases: lowercasingTags.contains(tag)),
      !lemma.isEmpty  // an edit that drops the whole word (`egg` by the ending of `laid`)
    {
      return (lemma, .rule)
    }
    return (lowercasingTags.contains(tag) ? lower : form, .fallback)
  }

  private static func key(_ fields: String...) -> String { fields.joined(separator: "\u{1}") }
}

/// How many words each rule of a `LemmaDictionary` answered.
public struct LemmaSourceCounts: Sendable, Equatable {
  /// Words per rule.
  public private(set) var counts: [LemmaDictionary.Source: Int] = [:]

  /// No words yet.
  public init() {}

  /// Counts the rules that answered words (`TagPrediction.lemmaSource`).
  public mutating func add(_ sources: some Sequence<LemmaDictionary.Source>) {
    for source in sources { counts[source, default: 0] += 1 }
  }

  /// `dictionary 91.2 %, copy 4.1 %, rule 0.0 %, fallback 0.0 %, decoder 4.7 % (of N words)`
  /// (`decoder` only when it answered a word).
  public var summary: String {
    let total = counts.values.reduce(0, +)
    // `decoder` is named only for models that have one.
    let sources = LemmaDictionary.Source.allCases.filter { $0 != .decoder || counts[$0] != nil }
    let parts = sources.map { source in
      let share = total == 0 ? 0 : 100 * Double(counts[source] ?? 0) / Double(total)
      return "\(source.rawValue) " + String(format: "%.1f %%", share)
    }
    return parts.joined(separator: ", ") + " (of \(total) words)"
  }
}

/// Edits learned from word endings: for each tag and each ending of up to `maxSuffixLength`
/// characters of the lowercased training forms, the edit (drop N characters, append a string,
/// both on lowercased text) most distinct (form, lemma) entries with that ending take. The case
/// of the result is the tag's: the form as written, or lowercased for the tags whose lemmas are
/// usually lowercased (`LemmaDictionary.lowercasingTags`: `Excerpt` → `excerpt` as a NOUN,
/// `Zionists` → `Zionist` as a PROPN). An ending whose edit is the one of its shorter ending is
/// left out: the lookup, longest ending first, reaches the same edit through the shorter one.
struct SuffixRules: Sendable {
  /// An edit from a lowercased form to its lowercased lemma.
  struct Edit: Hashable, Comparable {
    var dropped: Int
    var appended: String

    static func < (lhs: Edit, rhs: Edit) -> Bool {
      (lhs.dropped, lhs.appended) < (rhs.dropped, rhs.appended)
    }

    /// The edit that turns `form` into `lemma`, both lowercased: their longest common start is
    /// kept.
    init(form: String, lemma: String) {
      let base = Array(form.lowercased())
      let target = Array(lemma.lowercased())
      var kept = 0
      while kept < base.count, kept < target.count, base[kept] == target[kept] { kept += 1 }
      dropped = base.count - kept
      appended = String(target[kept...])
    }

    init(dropped: Int, appended: String) {
      self.dropped = dropped
      self.appended = appended
    }

    /// `base` edited, nil when the edit drops more characters than it has.
    func apply(to base: String) -> String? {
      let characters = Array(base)
      guard dropped <= characters.count else { return nil }
      return String(characters[..<(characters.count - dropped)]) + appended
    }
  }

  /// The longest ending looked at.
  static let maxSuffixLength = 9

  private var edits: [String: Edit] = [:]

  /// Learns from `[form, tag, lemma]` entries (each distinct pair counts once).
  init(entries: [[String]]) {
    var counts: [String: [Edit: Int]] = [:]
    for entry in entries where entry.count == 3 {
      let (form, tag, lemma) = (entry[0], entry[1], entry[2])
      let edit = Edit(form: form, lemma: lemma)
      let lower = Array(form.lowercased())
      for length in 0...min(Self.maxSuffixLength, lower.count) {
        counts[Self.key(tag, lower.suffix(length)), default: [:]][edit, default: 0] += 1
      }
    }
    var best: [String: Edit] = [:]
    for (key, tally) in counts {
      best[key] = tally.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
    }
    for (key, edit) in best {
      let parts = key.split(separator: "\u{1}", maxSplits: 1, omittingEmptySubsequences: false)
      let ending = Array(parts[1])
      if !ending.isEmpty, best[Self.key(String(parts[0]), ending.dropFirst())] == edit { continue }
      edits[key] = edit
    }
  }

  /// The lemma the longest known ending of `form` gives for `tag`, applied to the form
  /// lowercased when `lowercases`, else as written; nil when no ending of the tag is known.
  func lemma(of form: String, tag: String, lowercases: Bool) -> String? {
    let lower = form.lowercased()
    let base = lowercases ? lower : form
    let ending = Array(lower)
    for length in stride(from: min(Self.maxSuffixLength, ending.count), through: 0, by: -1) {
      if let edit = edits[Self.key(tag, ending.suffix(length))] { return edit.apply(to: base) }
    }
    return nil
  }

  private static func key(_ tag: String, _ ending: some Sequence<Character>) -> String {
    tag + "\u{1}" + String(ending)
  }
}
