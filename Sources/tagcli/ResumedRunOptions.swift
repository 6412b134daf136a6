import ArgumentParser

/// Refuses options that a resumed run would ignore: `--resume` keeps the checkpoint's network and
/// optimisation options, so `--resume CKPT --lr 1e-4` must not quietly train at the old rate.
enum ResumedRunOptions {
  /// The flags of `options` whose values differ from their defaults, other than `allowed`
  /// (property names such as `"maxTime"`), in declaration order.
  ///
  /// An option given with its default value cannot be told apart from one left out, so it is
  /// not reported.
  static func changedFlags<Options: ParsableArguments>(
    _ options: Options, allowed: Set<String>
  ) throws -> [String] {
    let defaults = try Options.parse([])
    let given = Mirror(reflecting: options).children
    let standard = Mirror(reflecting: defaults).children
    return zip(given, standard).compactMap { given, standard in
      guard let label = given.label, label.hasPrefix("_") else { return nil }
      let name = String(label.dropFirst())
      guard !allowed.contains(name),
        String(describing: given.value) != String(describing: standard.value)
      else { return nil }
      return flag(name)
    }
  }

  /// Throws when `changedFlags` finds any in the option groups given (`train` passes its network,
  /// label-head and tag-head options, all of which the checkpoint keeps).
  ///
  /// - Throws: `ValidationError` naming the flags.
  static func refuseChanges<each Options: ParsableArguments>(
    _ options: repeat each Options, allowed: Set<String>
  ) throws {
    var flags: [String] = []
    for group in repeat each options { flags += try changedFlags(group, allowed: allowed) }
    guard !flags.isEmpty else { return }
    throw ValidationError(
      "\(flags.joined(separator: ", ")) cannot change a resumed run (it keeps the checkpoint's"
        + " options; only \(allowed.sorted().map(flag).joined(separator: ", ")) may be given);"
        + " drop \(flags.count == 1 ? "it" : "them")")
  }

  /// ArgumentParser's long name of a property: `maxTime` → `--max-time`.
  static func flag(_ property: String) -> String {
    "--"
      + property.map { $0.isUppercase ? "-" + $0.lowercased() : String($0) }.joined()
  }
}
