/// The frozen set of tags a model predicts, in id order.
///
/// Built from training data only. There is no `<unk>` tag: a gold tag outside the set is an
/// error when evaluating.
public struct TagSet: Sendable, Equatable {
  /// The tags by id.
  public let tags: [String]
  private let ids: [String: Int]

  /// A tag set over `tags`, in this order.
  public init(tags: [String]) {
    self.tags = tags
    var ids: [String: Int] = [:]
    for (id, tag) in tags.enumerated() { ids[tag] = id }
    self.ids = ids
  }

  /// The sorted distinct tags of `tags`.
  public static func build(from tags: some Sequence<String>) -> TagSet {
    TagSet(tags: Array(Set(tags)).sorted())
  }

  /// The number of tags.
  public var count: Int { tags.count }

  /// The id of `tag`, or nil when the tag is not in the set.
  public func id(of tag: String) -> Int? { ids[tag] }
}
